import GRDB

/// A status change due at a time on the sandbox clock, made only if the payment or refund is
/// then still in one of `only_from` (a comma-separated list).
struct ScheduledTransitionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "scheduled_transition"

    var id: Int64?
    /// "payment" or "refund".
    var resource: String
    var resourceID: String
    /// The client whose clock `due_at` is on.
    var clientID: String
    var dueAt: Double
    var toStatus: String
    var onlyFrom: String
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case id, resource, reason
        case resourceID = "resource_id"
        case clientID = "client_id"
        case dueAt = "due_at"
        case toStatus = "to_status"
        case onlyFrom = "only_from"
    }

    enum Columns {
        static let resource = Column(CodingKeys.resource)
        static let resourceID = Column(CodingKeys.resourceID)
        static let clientID = Column(CodingKeys.clientID)
        static let dueAt = Column(CodingKeys.dueAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One entry of a payment's status history.
struct PaymentStatusRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "payment_status"

    var id: Int64?
    var paymentID: String
    var status: PaymentStatus
    var at: String
    var note: String?

    enum CodingKeys: String, CodingKey {
        case id, status, at, note
        case paymentID = "payment_id"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
