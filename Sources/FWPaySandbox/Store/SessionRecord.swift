import GRDB

/// A checkout session (seed 003): created by the merchant, filled in by the payer on the
/// hosted form, then confirmed by the merchant, which creates the payment.
struct SessionRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"

    var id: String
    var clientID: String
    var type: String
    var status: SessionStatus
    var recipientID: String
    /// The creation body (JSON text).
    var body: String
    var amount: Int64
    var currency: String
    /// On the sandbox clock.
    var expiresAt: Double
    /// What the payer sent on the form (JSON text): payor fields and card.
    var form: String?
    var paymentID: String?
    var createdAt: String
    /// The order this session charges when confirmed, if it was made for one.
    var orderID: String?

    enum CodingKeys: String, CodingKey {
        case id, type, status, body, amount, currency, form
        case clientID = "client_id"
        case recipientID = "recipient_id"
        case expiresAt = "expires_at"
        case paymentID = "payment_id"
        case createdAt = "created_at"
        case orderID = "order_id"
    }

    var request: JSON { (try? JSON.parse(body)) ?? .object([]) }
    var submitted: JSON? { form.flatMap { try? JSON.parse($0) } }
}
