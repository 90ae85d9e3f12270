import CFWPay

/// fwp_order_create: creates an order, the "shopping cart" of a payment (POST /orders).
/// body: borrowed JSON object with payer, recipient (id and fields), items, offer (id and
/// fields), and optional notifications_url, external_reference and metadata. Checked before
/// sending: items is a non-empty array of positive integer amounts; metadata has at most 20
/// pairs, keys of at most 40 and values of at most 500 characters. options: NULL or per-call
/// settings (idempotency key, timeout). out: receives a new reference to the order (its "id"
/// is what fwp_order_update and fwp_order_charge take), NULL on failure; release with
/// json_decref. err: optional; for FWP_E_INVALID_REQUEST, err->errors lists each problem as
/// the server does. Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_create(_ client: OpaquePointer?, _ body: UnsafePointer<json_t>?,
                             _ options: UnsafePointer<fwp_call_options>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.orders.create(try requiredJSON(body, "body"), options: call)
    }
}

/// fwp_order_update: edits an order (PATCH /orders/{id}); the order keeps its id. order_id:
/// the order's UUID, not NULL. body: borrowed JSON object with the parts to change; it must
/// not contain recipient.id (refused before sending with FWP_E_INVALID_REQUEST, source
/// "/recipient/id", message "cannot be updated", as the server does). options: NULL or
/// per-call settings. out: receives a new reference to the edited order, NULL on failure;
/// release with json_decref. err: optional. Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_update(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                             _ body: UnsafePointer<json_t>?, _ options: UnsafePointer<fwp_call_options>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let id = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        return try api.orders.update(id, try requiredJSON(body, "body"), options: call)
    }
}

/// fwp_order_charge: charges an order, turning it into a payment (POST /orders/{id}/charge).
/// order_id: the order's UUID, not NULL. body: borrowed, usually NULL (the API needs none).
/// options: NULL or per-call settings; set options->idempotency_key to retry a charge whose
/// outcome is unknown under the same key. out: receives a new reference to
/// {"payment_reference", "amount_from", "currency_from", "amount_to", "currency_to"}, NULL on
/// failure; release with json_decref. err: optional. An order is charged once: charging it
/// again fails with FWP_E_INVALID_REQUEST. When the request was sent but no answer came back,
/// returns FWP_E_OUTCOME_UNKNOWN with err->idempotency_key: the payment may exist; look
/// before charging again. Since 0.1.
@c
public func fwp_order_charge(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                             _ body: UnsafePointer<json_t>?, _ options: UnsafePointer<fwp_call_options>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let id = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        return try api.orders.charge(id, try json(body), options: call)
    }
}

/// fwp_order_get: an order as stored (GET /orders/{id}), with its status (open, charged) and,
/// once charged, its payment_reference. SANDBOX-ONLY: fwpay-sandbox serves this endpoint; no
/// public client calls it and Flywire's API is not known to have it. order_id: not NULL. options: NULL or per-call
/// settings. out: receives a new reference, NULL on failure; release with json_decref. err:
/// optional. Returns FWP_OK, FWP_E_NOT_FOUND or another negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_get(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                          _ options: UnsafePointer<fwp_call_options>?,
                          _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                          _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.orders.get(try string(order_id, "order_id", limit: ArgumentLimit.identifier), options: call)
    }
}

/// fwp_order_list: one page of the available orders (GET /orders). SANDBOX-ONLY: served by
/// fwpay-sandbox; Flywire's API is not known to have this endpoint. filters: borrowed JSON
/// object or NULL, with any of "recipient", "country" (orders usable with a portal in that
/// country) and "status" ("open", "charged"). page, per_page: as fwp_recipient_list. options:
/// NULL or per-call settings. out: receives a new reference to {"orders": [...], "page",
/// "per_page", "total_entries", "total_pages"}, NULL on failure; release with json_decref.
/// err: optional. Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_list(_ client: OpaquePointer?, _ filters: UnsafePointer<json_t>?, _ page: CInt, _ per_page: CInt,
                           _ options: UnsafePointer<fwp_call_options>?,
                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.orders.list(filters: try json(filters), page: try pageRequest(page, per_page), options: call)
    }
}

/// fwp_order_check: whether order order_id can be used with the portal (recipient)
/// portal_id before a checkout session is made for it (seed 000: compatibility depends on the
/// portal's country): the order's recipient must be in the portal's country. SANDBOX-ONLY: it
/// reads the order with GET /orders/{id}, which only fwpay-sandbox is known to serve. options: NULL or
/// per-call settings. out: receives a new reference to {"compatible": true, "order_country",
/// "portal_country"}, NULL on failure; release with json_decref. err: optional. Returns
/// FWP_OK when compatible, FWP_E_INVALID_REQUEST (err->errors type "incompatible", message
/// naming both countries) when not, or another negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_check(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?, _ portal_id: UnsafePointer<CChar>?,
                            _ options: UnsafePointer<fwp_call_options>?,
                            _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                            _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let order = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        let portal = try string(portal_id, "portal_id", limit: ArgumentLimit.identifier)
        return try api.orders.checkCompatibility(order, portal: portal, options: call)
    }
}
