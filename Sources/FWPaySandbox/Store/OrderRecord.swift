import GRDB

/// An order: the "shopping cart" of a payment (seed 002). The body the client sent is kept
/// as JSON text in `document`; the columns beside it are what the sandbox queries and checks.
struct OrderRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "order"

    enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        case open
        case charged
    }

    var id: String
    var clientID: String
    var recipientID: String
    var payerCountry: String
    var document: String
    var status: Status
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
    var total: Int64 { (body["items"]?.array ?? []).compactMap { $0["amount"]?.integer }.reduce(0, +) }

    /// The order as the API answers it: id and created_at first, then the stored body.
    func json(paymentReference: String?) -> JSON {
        var members: [(String, JSON)] = [("id", .string(id)), ("created_at", .string(createdAt))]
        members += (body.members ?? []).filter { $0.0 != "id" && $0.0 != "created_at" }
        members.append(("status", .string(status.rawValue)))
        if let paymentReference { members.append(("payment_reference", .string(paymentReference))) }
        return .object(members)
    }
}

extension OrderRecord {
    /// The payment that charged order `id`, if any.
    static func payment(_ db: Database, charging id: String) throws -> PaymentRecord? {
        try PaymentRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM payment WHERE order_id = ?"), arguments: [id])
    }

    /// The reference of the payment that charged order `id`, for the messages that refuse
    /// a second charge ("?" if none is found).
    static func chargedReference(_ db: Database, order id: String) throws -> String {
        try payment(db, charging: id)?.id ?? "?"
    }

    /// Order `id` of `client`, still open to be charged: 404 when it is not the client's,
    /// 422 naming the payment (at `source`, `param`) when it was charged already.
    static func fetchChargeable(_ db: Database, id: String, ownedBy client: ClientRecord,
                                source: String, param: String) throws -> OrderRecord {
        guard let order = try fetchOne(db, id: id, ownedBy: client) else { throw Problem.notFound("Order \(id) not found") }
        guard order.status == .open else {
            throw Problem.invalid(source: source, param: param, type: "invalid_status",
                                  "has already been charged as payment \(try chargedReference(db, order: id))")
        }
        return order
    }
}
