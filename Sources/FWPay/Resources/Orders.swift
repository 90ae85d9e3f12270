/// Orders: the "shopping cart" of a payment (seed 002). Create, edit, then charge it to turn
/// it into a payment.
public struct Orders: Sendable {
    let transport: Transport

    /// Creates an order (POST /orders). Checked before sending: the body is an object, item
    /// amounts (when given) are whole and positive, `metadata` has at most 20 pairs with keys
    /// of at most 40 and values of at most 500 characters (seed 002's documented limits).
    public func create(_ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let order = try Check.object(body, field: "body")
        try Check.items(order["items"])
        try Check.metadata(order["metadata"])
        return try transport.send(HTTPRequest(method: .post, path: "/orders", template: "/orders", body: try body.requestBody(options),
                                              idempotencyKey: options.keyForPost), options: options)
    }

    /// Edits an order (PATCH /orders/{id}); the order keeps its id. Everything can change but
    /// the recipient id: a body with `recipient.id` is refused, as the server would refuse it,
    /// even when it matches.
    public func update(_ orderID: String, _ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
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
        try Check.items(changes["items"])
        try Check.metadata(changes["metadata"])
        return try transport.send(HTTPRequest(method: .patch, path: "/orders/\(orderID)", template: "/orders/{order_id}", body: try body.requestBody(options)),
                                  options: options)
    }

    /// Charges an order, creating the payment (POST /orders/{id}/charge). The answer carries
    /// `payment_reference`, `amount_from`, `currency_from`, `amount_to`, `currency_to`.
    /// An order is charged once; a second charge is refused by the server.
    public func charge(_ orderID: String, _ body: JSONValue? = nil, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(orderID, field: "order_id")
        if let body { _ = try Check.object(body, field: "body") }
        return try transport.send(HTTPRequest(method: .post, path: "/orders/\(orderID)/charge", template: "/orders/{order_id}/charge",
                                              body: try body?.requestBody(options), idempotencyKey: options.keyForPost), options: options)
    }

    /// An order as stored (GET /orders/{id}).
    public func get(_ orderID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(orderID, field: "order_id")
        return try transport.send(HTTPRequest(method: .get, path: "/orders/\(orderID)", template: "/orders/{order_id}"), options: options)
    }

    /// One page of orders (GET /orders); filters `recipient`, `country`, `status`.
    public func list(filters: JSONValue?, page: PageRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let listing = Listing.all["orders"]!
        return try transport.send(HTTPRequest(method: .get, path: try ListQuery.path(listing.path, filters: filters,
                                                                                      allowed: listing.filters, page: page), template: listing.path),
                                  options: options)
    }

    /// Whether order `orderID` can be used with portal `portalID` (seed 000: "not all portals
    /// can use every order number; compatibility depends on the portal's country"): the
    /// order's recipient must be in the portal's country. Answers `{"compatible": true,
    /// "order_country", "portal_country"}`, or throws `.invalidRequest` saying why not.
    public func checkCompatibility(_ orderID: String, portal portalID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(portalID, field: "recipient_id")
        let order = try get(orderID, options: options)
        guard let recipientID = order.value["recipient"]?["id"]?.stringValue else {
            throw FWPayError(.badResponse, "order \(orderID) has no recipient.id", requestID: order.requestID)
        }
        let recipients = Recipients(transport: transport)
        let orderCountry = try recipients.get(recipientID, options: options).value["country"]?.stringValue ?? ""
        let portal = try recipients.get(portalID, options: options)
        let portalCountry = portal.value["country"]?.stringValue ?? ""
        guard !orderCountry.isEmpty, orderCountry == portalCountry else {
            throw .invalidParameter(source: "/order", param: "order_id", type: "incompatible",
                                    "order \(orderID) is for a recipient in \(orderCountry.isEmpty ? "an unknown country" : orderCountry); portal \(portalID) is in \(portalCountry)")
        }
        return Reply(value: .object(JSONObject([("compatible", .bool(true)), ("order_country", .string(orderCountry)),
                                                ("portal_country", .string(portalCountry))])),
                     httpStatus: portal.httpStatus, requestID: portal.requestID, idempotencyKey: nil)
    }
}
