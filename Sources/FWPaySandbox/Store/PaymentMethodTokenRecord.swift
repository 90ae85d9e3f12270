import GRDB

/// A saved card, from a tokenization session: `token` and `mandate_id` charge it again
/// through POST /payments/charge.
struct PaymentMethodTokenRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "payment_method_token"

    var token: String
    var clientID: String
    var recipientID: String
    var payorID: String?
    var mandateID: String
    /// The saved card (stored as JSON text, holder included).
    var card: CardDetails
    var createdAt: String
    /// The currency its mandate charges in: the payer's, from the form's country.
    var currency: String?
    /// The payer who saved it, as the form gave them (JSON text): its charges carry them.
    var payer: String?

    enum CodingKeys: String, CodingKey {
        case token, card, currency, payer
        case clientID = "client_id"
        case recipientID = "recipient_id"
        case payorID = "payor_id"
        case mandateID = "mandate_id"
        case createdAt = "created_at"
    }
}
