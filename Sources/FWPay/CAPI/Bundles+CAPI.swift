import CFWPay

/// fwp_bundle_list: one page of refund bundles (GET /refund_bundles). page, per_page: as
/// fwp_recipient_list. options: NULL or per-call settings. out: new reference to
/// {"refund_bundles": [...], "page", ...}, NULL on failure; release with json_decref. err:
/// optional. Since 0.1.
@c
public func fwp_bundle_list(_ client: OpaquePointer?, _ page: CInt, _ per_page: CInt,
                            _ options: UnsafePointer<fwp_call_options>?,
                            _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                            _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refundBundles.list(page: try pageRequest(page, per_page), options: call)
    }
}

/// fwp_bundle_get: a refund bundle with its refunds (GET /refund_bundles/{id}). bundle_id:
/// not NULL. Since 0.1.
@c
public func fwp_bundle_get(_ client: OpaquePointer?, _ bundle_id: UnsafePointer<CChar>?,
                           _ options: UnsafePointer<fwp_call_options>?,
                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refundBundles.get(try string(bundle_id, "bundle_id", limit: ArgumentLimit.identifier), options: call)
    }
}

/// fwp_bundle_approve: approves a pending refund bundle, sending its refunds on (POST
/// /refund_bundles/{id}/approve). bundle_id: not NULL. Since 0.1.
@c
public func fwp_bundle_approve(_ client: OpaquePointer?, _ bundle_id: UnsafePointer<CChar>?,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refundBundles.approve(try string(bundle_id, "bundle_id", limit: ArgumentLimit.identifier), options: call)
    }
}
