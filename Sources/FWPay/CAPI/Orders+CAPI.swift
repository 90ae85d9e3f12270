import CFWPay

/// fwp_order_create: creates an order, the "shopping cart" of a payment (POST /orders).
/// body: borrowed JSON object with payer, recipient (id and fields), items, offer (id and
/// fields), and optional notifications_url, external_reference and metadata. Checked before
/// sending: items is a non-empty array of positive integer amounts; metadata has at most 20
/// pairs, keys of at most 40 and values of at most 500 characters. out: receives a new
/// reference to the order (its "id" is what fwp_order_update and fwp_order_charge take),
/// NULL on failure; release with json_decref. err: optional; for FWP_E_INVALID_REQUEST,
/// err->errors lists each problem as the server does. Returns FWP_OK or a negative FWP_E_
/// code. Since 0.1.
@c
public func fwp_order_create(_ client: OpaquePointer?, _ body: UnsafePointer<json_t>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let order = try requiredJSON(body, "body")
        try deliver(try api.orders.create(order), to: result)
    }
}

/// fwp_order_update: edits an order (PATCH /orders/{id}); the order keeps its id. order_id:
/// the order's UUID, not NULL. body: borrowed JSON object with the parts to change; it must
/// not contain recipient.id (refused before sending with FWP_E_INVALID_REQUEST, source
/// "/recipient/id", message "cannot be updated", as the server does). out: receives a new
/// reference to the edited order, NULL on failure; release with json_decref. err: optional.
/// Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_update(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                             _ body: UnsafePointer<json_t>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let id = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        let changes = try requiredJSON(body, "body")
        try deliver(try api.orders.update(id, changes), to: result)
    }
}

/// fwp_order_charge: charges an order, turning it into a payment (POST /orders/{id}/charge).
/// order_id: the order's UUID, not NULL. body: borrowed, usually NULL (the API needs none).
/// out: receives a new reference to {"payment_reference", "amount_from", "currency_from",
/// "amount_to", "currency_to"}, NULL on failure; release with json_decref. err: optional.
/// An order is charged once: charging it again fails with FWP_E_INVALID_REQUEST. When the
/// request was sent but no answer came back, returns FWP_E_OUTCOME_UNKNOWN with
/// err->idempotency_key: the payment may exist; look before charging again. Since 0.1.
@c
public func fwp_order_charge(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                             _ body: UnsafePointer<json_t>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let id = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        try deliver(try api.orders.charge(id, try json(body)), to: result)
    }
}

/// fwp_order_get: an order as stored (GET /orders/{id}). order_id: not NULL. out: receives a
/// new reference, NULL on failure; release with json_decref. err: optional. Returns FWP_OK,
/// FWP_E_NOT_FOUND or another negative FWP_E_ code. Since 0.1.
@c
public func fwp_order_get(_ client: OpaquePointer?, _ order_id: UnsafePointer<CChar>?,
                          _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                          _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let id = try string(order_id, "order_id", limit: ArgumentLimit.identifier)
        try deliver(try api.orders.get(id), to: result)
    }
}
