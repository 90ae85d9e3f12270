import CFWPay

/// fwp_recipient_list: one page of the recipients available to this client (GET
/// /recipients). page: from 1, or 0 for the first. per_page: 1 to 100, or 0 for the server's
/// default (10). options: NULL or per-call settings. out: receives a new reference to
/// {"recipients": [...], "page", "per_page", "total_entries", "total_pages"}, NULL on failure;
/// release with json_decref. err: optional. Returns FWP_OK or a negative FWP_E_ code. To walk
/// every page, see fwp_iter_new. Since 0.1.
@c
public func fwp_recipient_list(_ client: OpaquePointer?, _ page: CInt, _ per_page: CInt,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.recipients.list(try pageRequest(page, per_page), options: call)
    }
}

/// fwp_recipient_get: a recipient's details (GET /recipients/{id}): name, country, billing
/// currency, fields with their required flags, and settings such as amount limits.
/// recipient_id: e.g. "FWU", not NULL. options: NULL or per-call settings. out: receives a new
/// reference, NULL on failure; release with json_decref. err: optional. Returns FWP_OK,
/// FWP_E_NOT_FOUND or another negative FWP_E_ code. Since 0.1.
@c
public func fwp_recipient_get(_ client: OpaquePointer?, _ recipient_id: UnsafePointer<CChar>?,
                              _ options: UnsafePointer<fwp_call_options>?,
                              _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                              _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.recipients.get(try string(recipient_id, "recipient_id", limit: ArgumentLimit.identifier), options: call)
    }
}

/// fwp_recipient_search: every recipient whose name or id contains name, ignoring case and
/// accents ("tecnica" finds "Escuela Tecnica de Madrid" written with an accent), across all
/// pages. name: not NULL or empty, at most 256 bytes. options: NULL or per-call settings.
/// out: receives a new reference to {"recipients": [...]} (possibly empty), NULL on failure;
/// release with json_decref. err: optional. Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_recipient_search(_ client: OpaquePointer?, _ name: UnsafePointer<CChar>?,
                                 _ options: UnsafePointer<fwp_call_options>?,
                                 _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                 _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.recipients.search(try string(name, "name", limit: ArgumentLimit.shortText), options: call)
    }
}
