import GRDB

/// A payment: created by charging an order, confirming a checkout session or charging a
/// token. `order_id` and `session_id` are unique: one order or session, one payment.
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
    /// "order" (529 payments), "checkout" or "token".
    var kind: String = "order"
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
    /// `{brand, last_four_digits, card_expiration, ...}` (JSON text) for card payments.
    var card: String?
    var updatedAt: String?

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
    }

    enum Columns {
        static let clientID = Column(CodingKeys.clientID)
        static let orderID = Column(CodingKeys.orderID)
        static let recipientID = Column(CodingKeys.recipientID)
        static let status = Column(CodingKeys.status)
        static let externalReference = Column(CodingKeys.externalReference)
    }

    var paymentStatus: PaymentStatus { PaymentStatus(rawValue: status) ?? .initiated }

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
        var members: [(String, JSON)] = [
            ("payment_id", .string(id)), ("status", .string(status)),
            ("amount_from", .integer(amountFrom)), ("currency_from", .string(currencyFrom)),
            ("amount_to", .integer(amountTo)), ("currency_to", .string(currencyTo)),
            ("external_reference", externalReference.map(JSON.string) ?? .null),
            ("payor_id", payorID.map(JSON.string) ?? .null),
            ("recipient_id", .string(recipientID)), ("order_id", orderID.map(JSON.string) ?? .null),
            ("session_id", sessionID.map(JSON.string) ?? .null),
        ]
        var method: [(String, JSON)] = [("type", .string(paymentMethod))]
        for (key, value) in (card.flatMap { try? JSON.parse($0) }?.members ?? []) { method.append((key, value)) }
        if let token { method.append(("token", .string(token))) }
        members.append(("payment_method", .object(method)))
        if capture == "manual" {
            members.append(("charge_intent", .object([
                ("capture", .string("manual")), ("authorization", authorization.map(JSON.string) ?? .null),
                ("authorized_amount", heldAmount.map(JSON.integer) ?? .null),
                ("captured_amount", capturedAmount.map(JSON.integer) ?? .null),
            ])))
        }
        if let mandateID { members.append(("mandate", .object([("id", .string(mandateID))]))) }
        if let reason { members.append(("reason", .string(reason))) }
        if let reasonCode { members.append(("reason_code", .string(reasonCode))) }
        members.append(("created_at", .string(createdAt)))
        members.append(("updated_at", .string(updatedAt ?? createdAt)))
        return .object(members)
    }
}
