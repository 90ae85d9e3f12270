/// Refunds of delivered payments.
public struct Refunds: Sendable {
    let transport: Transport

    /// Refunds (part of) a delivered payment (POST /payments/{ref}/refunds): `amount` (a
    /// positive integer, in the payment's currency) is required; `external_reference`,
    /// `notifications_url` and `enable_payer_email_notifications` are optional.
    public func create(payment reference: String, _ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(reference, field: "payment_reference")
        let refund = try Check.object(body, field: "body")
        if let amount = refund["amount"] { try Check.amount(amount, source: "/amount", param: "amount") }
        return try transport.send(HTTPRequest(method: .post, path: "/payments/\(reference)/refunds", template: "/payments/{payment_reference}/refunds", body: try body.requestBody(options),
                                              idempotencyKey: options.keyForPost), options: options)
    }

    public func get(_ refundID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(refundID, field: "refund_id")
        return try transport.send(HTTPRequest(method: .get, path: "/refunds/\(refundID)", template: "/refunds/{refund_id}"), options: options)
    }

    /// One page of refunds (GET /refunds); filters `payment_id`, `status`.
    public func list(filters: JSONValue?, page: PageRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let listing = Listing.all["refunds"]!
        return try transport.send(HTTPRequest(method: .get, path: try ListQuery.path(listing.path, filters: filters,
                                                                                      allowed: listing.filters, page: page), template: listing.path),
                                  options: options)
    }

    /// Cancels a refund that has not been received (POST /refunds/{id}/cancel).
    public func cancel(_ refundID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(refundID, field: "refund_id")
        return try transport.send(HTTPRequest(method: .post, path: "/refunds/\(refundID)/cancel", template: "/refunds/{refund_id}/cancel", idempotencyKey: options.keyForPost),
                                  options: options)
    }
}
