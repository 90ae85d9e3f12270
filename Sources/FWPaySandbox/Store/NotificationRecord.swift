import GRDB

/// A status notification waiting to be delivered, delivered, or given up on. Written in the
/// same transaction as the status change it reports, so no change goes unreported.
struct NotificationRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "notification"

    var id: Int64?
    var clientID: String
    /// "payments" or "refunds".
    var resource: String
    var resourceID: String
    var eventType: String
    var url: String
    /// The exact bytes POSTed, which the digest signs.
    var body: String
    var state: NotificationState
    var attempts: Int
    /// On the sandbox clock.
    var nextAttemptAt: Double
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, resource, url, body, state, attempts
        case clientID = "client_id"
        case resourceID = "resource_id"
        case eventType = "event_type"
        case nextAttemptAt = "next_attempt_at"
        case createdAt = "created_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let clientID = Column(CodingKeys.clientID)
        static let resourceID = Column(CodingKeys.resourceID)
        static let state = Column(CodingKeys.state)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One delivery attempt of a notification and what came of it.
struct NotificationAttemptRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "notification_attempt"

    var id: Int64?
    var notificationID: Int64
    var attempt: Int
    var at: String
    var statusCode: Int?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case id, attempt, at, error
        case notificationID = "notification_id"
        case statusCode = "status_code"
    }

    enum Columns {
        static let notificationID = Column(CodingKeys.notificationID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
