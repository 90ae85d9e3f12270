import GRDB

/// An order: the "shopping cart" of a payment (seed 002). The body the client sent is kept
/// as JSON text in `document`; the columns beside it are what the sandbox queries and checks.
struct OrderRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "order"

    var id: String
    var clientID: String
    var recipientID: String
    var payerCountry: String
    var document: String
    var status: OrderStatus
    var createdAt: String
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, document, status
        case clientID = "client_id"
        case recipientID = "recipient_id"
        case payerCountry = "payer_country"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let clientID = Column(CodingKeys.clientID)
    }

    var body: JSON { (try? JSON.parse(document)) ?? .object([]) }

    /// What the order charges, in the recipient's subunits. The items passed `OrderRules`
    /// (their total is within the recipient's limits), so the sum cannot overflow.
    var total: Int64 { (body["items"]?.array ?? []).compactMap { $0["amount"]?.wholeNumber }.reduce(0, +) }
}

extension OrderRecord {
    /// The payment that charged order `id`, if any.
    static func payment(_ db: Database, charging id: String) throws -> PaymentRecord? {
        try PaymentRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM payment WHERE order_id = ?"), arguments: [id])
    }
}
