import GRDB

/// An API client: its key, the shared secret its notifications are signed with, and its
/// static notifications URL. Every order and payment belongs to one client.
struct ClientRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "client"

    var id: String
    var apiKey: String
    var sharedSecret: String
    var notificationsURL: String?

    enum CodingKeys: String, CodingKey {
        case id
        case apiKey = "api_key"
        case sharedSecret = "shared_secret"
        case notificationsURL = "notifications_url"
    }

    enum Columns {
        static let apiKey = Column(CodingKeys.apiKey)
    }
}
