import CFWPay

/// fwp_recipient_list: one page of the recipients available to this client (GET
/// /recipients). page: from 1, or 0 for the first. per_page: 1 to 100, or 0 for the server's
/// default (10). out: receives a new reference to {"recipients": [...], "page", "per_page",
/// "total_entries", "total_pages"}, NULL on failure; release with json_decref or
/// fwp_json_release. err: optional. Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_recipient_list(_ client: OpaquePointer?, _ page: CInt, _ per_page: CInt,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        guard page >= 0, per_page >= 0 else {
            throw FWPayError(.invalidArgument, "page and per_page must be 0 (default) or positive")
        }
        let request = PageRequest(page: page == 0 ? nil : Int(page), perPage: per_page == 0 ? nil : Int(per_page))
        try deliver(try api.recipients.list(request), to: result)
    }
}

/// fwp_recipient_get: a recipient's details (GET /recipients/{id}): name, country, billing
/// currency, fields with their required flags, and settings such as amount limits.
/// recipient_id: e.g. "FWU", not NULL. out: receives a new reference, NULL on failure;
/// release with json_decref. err: optional. Returns FWP_OK, FWP_E_NOT_FOUND or another
/// negative FWP_E_ code. Since 0.1.
@c
public func fwp_recipient_get(_ client: OpaquePointer?, _ recipient_id: UnsafePointer<CChar>?,
                              _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                              _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let id = try string(recipient_id, "recipient_id", limit: ArgumentLimit.identifier)
        try deliver(try api.recipients.get(id), to: result)
    }
}
