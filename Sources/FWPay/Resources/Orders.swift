/// Orders: the "shopping cart" of a payment (seed 002). Create, edit, then charge it to turn
/// it into a payment.
public struct Orders: Sendable {
    let transport: Transport

    /// Creates an order (POST /orders). Checked before sending: the body is an object,
    /// `items` is a non-empty array of positive integer amounts, `metadata` has at most 20
    /// pairs with keys of at most 40 and values of at most 500 characters.
    public func create(_ body: JSONValue) throws(FWPayError) -> JSONValue {
        let order = try Check.object(body, field: "body")
        try Check.items(order["items"], required: true)
        try Check.metadata(order["metadata"])
        return try transport.send(HTTPRequest(method: .post, path: "/orders", body: try body.serialized(),
                                              idempotencyKey: .random()))
    }

    /// Edits an order (PATCH /orders/{id}); the order keeps its id. Everything can change but
    /// the recipient id: a body with `recipient.id` is refused, as the server would refuse it,
    /// even when it matches.
    public func update(_ orderID: String, _ body: JSONValue) throws(FWPayError) -> JSONValue {
        try Check.identifier(orderID, field: "order_id")
        let changes = try Check.object(body, field: "body")
        if let recipient = changes["recipient"], recipient != .null {
            guard case .object(let fields) = recipient else {
                throw .invalidParameter(source: "/recipient", param: "recipient", "must be an object, not \(recipient.typeName)")
            }
            if fields["id"] != nil {
                throw .invalidParameter(source: "/recipient/id", param: "id", "cannot be updated")
            }
        }
        try Check.items(changes["items"], required: false)
        try Check.metadata(changes["metadata"])
        return try transport.send(HTTPRequest(method: .patch, path: "/orders/\(orderID)", body: try body.serialized()))
    }

    /// Charges an order, creating the payment (POST /orders/{id}/charge). The answer carries
    /// `payment_reference`, `amount_from`, `currency_from`, `amount_to`, `currency_to`.
    /// An order is charged once; a second charge is refused by the server.
    public func charge(_ orderID: String, _ body: JSONValue? = nil) throws(FWPayError) -> JSONValue {
        try Check.identifier(orderID, field: "order_id")
        if let body { _ = try Check.object(body, field: "body") }
        return try transport.send(HTTPRequest(method: .post, path: "/orders/\(orderID)/charge",
                                              body: try body?.serialized(), idempotencyKey: .random()))
    }

    /// An order as stored (GET /orders/{id}).
    public func get(_ orderID: String) throws(FWPayError) -> JSONValue {
        try Check.identifier(orderID, field: "order_id")
        return try transport.send(HTTPRequest(method: .get, path: "/orders/\(orderID)"))
    }
}
