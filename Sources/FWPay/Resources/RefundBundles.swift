/// Refund bundles: every refund sits in one; approving a bundle sends its refunds on.
public struct RefundBundles: Sendable {
    let transport: Transport

    public func list(page: PageRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try transport.send(HTTPRequest(method: .get, path: try ListQuery.path("/refund_bundles", filters: nil, allowed: [], page: page), template: "/refund_bundles"),
                           options: options)
    }

    public func get(_ bundleID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(bundleID, field: "bundle_id")
        return try transport.send(HTTPRequest(method: .get, path: "/refund_bundles/\(bundleID)", template: "/refund_bundles/{bundle_id}"), options: options)
    }

    public func approve(_ bundleID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(bundleID, field: "bundle_id")
        return try transport.send(HTTPRequest(method: .post, path: "/refund_bundles/\(bundleID)/approve", template: "/refund_bundles/{bundle_id}/approve",
                                              idempotencyKey: options.keyForPost), options: options)
    }
}
