import GRDB

/// A payment, created by charging an order. `order_id` is unique: one order, one payment.
struct PaymentRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "payment"

    var id: String
    var clientID: String
    var orderID: String?
    var recipientID: String
    var status: String
    var amountFrom: Int64
    var currencyFrom: String
    var amountTo: Int64
    var currencyTo: String
    var paymentMethod: String
    var externalReference: String?
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, status
        case clientID = "client_id"
        case orderID = "order_id"
        case recipientID = "recipient_id"
        case amountFrom = "amount_from"
        case currencyFrom = "currency_from"
        case amountTo = "amount_to"
        case currencyTo = "currency_to"
        case paymentMethod = "payment_method"
        case externalReference = "external_reference"
        case createdAt = "created_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let clientID = Column(CodingKeys.clientID)
        static let orderID = Column(CodingKeys.orderID)
    }

    /// The answer to POST /orders/{id}/charge (seed 002).
    var chargeJSON: JSON {
        .object([
            ("payment_reference", .string(id)), ("amount_from", .integer(amountFrom)),
            ("currency_from", .string(currencyFrom)), ("amount_to", .integer(amountTo)),
            ("currency_to", .string(currencyTo)),
        ])
    }

    /// GET /payments/{ref}.
    var details: JSON {
        .object([
            ("payment_id", .string(id)), ("status", .string(status)),
            ("amount_from", .integer(amountFrom)), ("currency_from", .string(currencyFrom)),
            ("amount_to", .integer(amountTo)), ("currency_to", .string(currencyTo)),
            ("external_reference", externalReference.map(JSON.string) ?? .null),
            ("recipient_id", .string(recipientID)), ("order_id", orderID.map(JSON.string) ?? .null),
            ("payment_method", .object([("type", .string(paymentMethod))])),
            ("created_at", .string(createdAt)),
        ])
    }
}
