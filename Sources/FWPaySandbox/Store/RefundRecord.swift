import GRDB

/// A refund of (part of) a delivered payment. Statuses: pending -> initiated -> received ->
/// finished, or cancelled / returned.
struct RefundRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "refund"

    var id: String
    var clientID: String
    var paymentID: String
    var bundleID: String
    var status: RefundStatus
    var amount: Int64
    var currency: String
    var amountTo: Int64
    var currencyTo: String
    var recipientID: String
    var externalReference: String?
    var notificationsURL: String?
    var createdAt: String
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, status, amount, currency
        case clientID = "client_id"
        case paymentID = "payment_id"
        case bundleID = "bundle_id"
        case amountTo = "amount_to"
        case currencyTo = "currency_to"
        case recipientID = "recipient_id"
        case externalReference = "external_reference"
        case notificationsURL = "notifications_url"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let clientID = Column(CodingKeys.clientID)
        static let paymentID = Column(CodingKeys.paymentID)
        static let bundleID = Column(CodingKeys.bundleID)
        static let status = Column(CodingKeys.status)
    }
}
