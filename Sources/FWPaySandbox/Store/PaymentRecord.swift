import GRDB

/// A payment: created by charging an order, confirming a checkout session or charging a
/// token. `order_id` and `session_id` are unique: one order or session, one payment.
struct PaymentRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "payment"

    var id: String
    var clientID: String
    var orderID: String?
    var recipientID: String
    var status: PaymentStatus
    var amountFrom: Int64
    var currencyFrom: String
    var amountTo: Int64
    var currencyTo: String
    var paymentMethod: String
    var externalReference: String?
    var createdAt: String
    var kind: PaymentKind = .order
    var sessionID: String?
    /// The payer as the order or form gave it (JSON text).
    var payer: String?
    var notificationsURL: String?
    /// "automatic", or "manual" for a pre-authorization.
    var capture: String = "automatic"
    /// "preauth" or "final" for a pre-authorization.
    var authorization: String?
    var heldAmount: Int64?
    var capturedAmount: Int64?
    var holdExpiresAt: Double?
    var reason: String?
    var reasonCode: String?
    var token: String?
    var mandateID: String?
    var payorID: String?
    /// The card of a card payment (stored as JSON text).
    var card: CardDetails?
    var updatedAt: String?
    /// The recipient's fields as the order or session gave them, `{"id": "value"}` (JSON text).
    var fields: String?
    /// The order's or session's metadata (JSON text).
    var metadata: String?

    enum CodingKeys: String, CodingKey {
        case id, status, kind, payer, capture, authorization, reason, token, card
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
        case sessionID = "session_id"
        case notificationsURL = "notifications_url"
        case heldAmount = "held_amount"
        case capturedAmount = "captured_amount"
        case holdExpiresAt = "hold_expires_at"
        case reasonCode = "reason_code"
        case mandateID = "mandate_id"
        case payorID = "payor_id"
        case updatedAt = "updated_at"
        case fields, metadata
    }

    enum Columns {
        static let clientID = Column(CodingKeys.clientID)
        static let orderID = Column(CodingKeys.orderID)
        static let recipientID = Column(CodingKeys.recipientID)
        static let status = Column(CodingKeys.status)
        static let externalReference = Column(CodingKeys.externalReference)
    }

    /// The currency the recipient is paid in, which the payment's amounts are checked in.
    var billingCurrency: Currency { Currency.named(currencyTo) ?? .dollar }
}

/// How a payment was made.
enum PaymentKind: String, Codable, Sendable {
    /// By charging an order: a "529" payment, which the client marks processed.
    case order
    case checkout
    case token
}
