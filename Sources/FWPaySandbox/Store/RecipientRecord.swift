import GRDB

/// A recipient (portal) with its billing currency, amount limits and fields.
struct RecipientRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "recipient"

    var id: String
    var name: String
    var country: String
    var currency: String
    var minimumAmount: Int64
    var maximumAmount: Int64
    /// `[{"id","label","required"}]` as JSON text.
    var fields: String
    var externalCode: String?
    /// The state or province, where the country has them.
    var state: String?

    enum CodingKeys: String, CodingKey {
        case id, name, country, currency, fields, state
        case minimumAmount = "min_amount"
        case externalCode = "external_code"
        case maximumAmount = "max_amount"
    }

    var billingCurrency: Currency { Currency.named(currency) ?? .dollar }

    var fieldList: [(id: String, label: String, required: Bool)] {
        ((try? JSON.parse(fields))?.array ?? []).compactMap { field in
            guard let id = field["id"]?.string else { return nil }
            return (id, field["label"]?.string ?? id, field["required"] == .bool(true))
        }
    }
}
