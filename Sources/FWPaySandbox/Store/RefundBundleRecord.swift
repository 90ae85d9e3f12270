import GRDB

/// Refunds are grouped in bundles; a client approves a bundle to send its refunds on.
struct RefundBundleRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "refund_bundle"

    var id: String
    var clientID: String
    var status: RefundBundleStatus
    var createdAt: String
    var approvedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, status
        case clientID = "client_id"
        case createdAt = "created_at"
        case approvedAt = "approved_at"
    }

    enum Columns {
        static let clientID = Column(CodingKeys.clientID)
        static let status = Column(CodingKeys.status)
    }
}
