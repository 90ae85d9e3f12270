/// Payments: details, lists, receipts, and what can be done to them.
public struct Payments: Sendable {
    let transport: Transport

    /// A payment's details (GET /payments/{ref}).
    public func get(_ reference: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(reference, field: "payment_reference")
        return try transport.send(HTTPRequest(method: .get, path: "/payments/\(reference)", template: "/payments/{payment_reference}"), options: options)
    }

    /// One page of payments (GET /payments); filters `recipient`, `status`, `external_reference`.
    public func list(filters: JSONValue?, page: PageRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let listing = Listing.all["payments"]!
        return try transport.send(HTTPRequest(method: .get, path: try ListQuery.path(listing.path, filters: filters,
                                                                                      allowed: listing.filters, page: page), template: listing.path),
                                  options: options)
    }

    /// A payment's receipt (GET /payments/{ref}/receipt).
    public func receipt(_ reference: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(reference, field: "payment_reference")
        return try transport.send(HTTPRequest(method: .get, path: "/payments/\(reference)/receipt", template: "/payments/{payment_reference}/receipt"), options: options)
    }

    /// Marks a 529 payment processed (POST /payments/{ref}/process).
    public func process(_ reference: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try post(reference, "process", body: nil, options: options)
    }

    /// Cancels a payment; a pre-authorization's hold is released at once (POST /payments/{ref}/cancel).
    public func cancel(_ reference: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try post(reference, "cancel", body: nil, options: options)
    }

    /// Captures `amount` of a pre-authorization, at most the held amount; the rest is released
    /// (POST /payments/{ref}/captures).
    public func capture(_ reference: String, amount: Int64, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.amount(.integer(amount), source: "/amount", param: "amount")
        return try post(reference, "captures", body: .object(JSONObject([("amount", .integer(amount))])), options: options)
    }

    /// Raises a `preauth` hold to `amount`; the same amount extends the hold
    /// (POST /payments/{ref}/authorization_adjustments).
    public func adjust(_ reference: String, amount: Int64, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.amount(.integer(amount), source: "/amount", param: "amount")
        return try post(reference, "authorization_adjustments", body: .object(JSONObject([("amount", .integer(amount))])), options: options)
    }

    /// Charges a saved card (POST /payments/charge) with `payment_method_token`, `mandate_id`,
    /// `charge_intent.mode`, `items` and the recipient. Checked before sending: the body is an
    /// object and item amounts are whole and positive; the rest is the server's to judge.
    public func charge(_ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let charge = try Check.object(body, field: "body")
        try Check.items(charge["items"])
        return try transport.send(HTTPRequest(method: .post, path: "/payments/charge", template: "/payments/charge", body: try body.requestBody(options),
                                              idempotencyKey: options.keyForPost), options: options)
    }

    private func post(_ reference: String, _ action: String, body: JSONValue?, options: CallOptions) throws(FWPayError) -> Reply {
        try Check.identifier(reference, field: "payment_reference")
        return try transport.send(HTTPRequest(method: .post, path: "/payments/\(reference)/\(action)", template: "/payments/{payment_reference}/\(action)", body: try body?.serialized(),
                                              idempotencyKey: options.keyForPost), options: options)
    }
}
