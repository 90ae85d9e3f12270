import CFWPay

// Payments. Every function: client and payment_reference (e.g. "FWU744586810") not NULL;
// options NULL or per-call settings; out receives a new reference (release with json_decref),
// NULL on failure; err optional. Returns FWP_OK or a negative FWP_E_ code.

/// fwp_payment_get: a payment's details (GET /payments/{ref}): payment_id, status,
/// amount_from, currency_from, amount_to, currency_to, external_reference, recipient_id,
/// payment_method, created_at, and reason/reason_code for failures. Since 0.1.
@c
public func fwp_payment_get(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?,
                            _ options: UnsafePointer<fwp_call_options>?,
                            _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                            _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.get(try reference(payment_reference), options: call)
    }
}

/// fwp_payment_list: one page of payments (GET /payments). filters: borrowed JSON object or
/// NULL with any of "recipient", "status", "external_reference". page, per_page: as
/// fwp_recipient_list. out: {"payments": [...], "page", "per_page", "total_entries",
/// "total_pages"}. To walk every page, see fwp_iter_new. Since 0.1.
@c
public func fwp_payment_list(_ client: OpaquePointer?, _ filters: UnsafePointer<json_t>?, _ page: CInt, _ per_page: CInt,
                             _ options: UnsafePointer<fwp_call_options>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                             _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.list(filters: try json(filters), page: try pageRequest(page, per_page), options: call)
    }
}

/// fwp_payment_receipt: a payment's receipt (GET /payments/{ref}/receipt). Since 0.1.
@c
public func fwp_payment_receipt(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?,
                                _ options: UnsafePointer<fwp_call_options>?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.receipt(try reference(payment_reference), options: call)
    }
}

/// fwp_payment_process: marks a 529 payment (one made from an order) processed (POST
/// /payments/{ref}/process). Since 0.1.
@c
public func fwp_payment_process(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?,
                                _ options: UnsafePointer<fwp_call_options>?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.process(try reference(payment_reference), options: call)
    }
}

/// fwp_payment_cancel: cancels a payment that is not processed yet; a pre-authorization's
/// hold is released at once (POST /payments/{ref}/cancel). Since 0.1.
@c
public func fwp_payment_cancel(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.cancel(try reference(payment_reference), options: call)
    }
}

/// fwp_payment_capture: captures amount (positive, at most the held amount, in subunits) of a
/// pre-authorization during its holding period; the rest of the hold is released at once; a
/// hold is captured once (POST /payments/{ref}/captures). FWP_E_OUTCOME_UNKNOWN: the capture
/// may have happened; look at the payment before capturing again. Since 0.1.
@c
public func fwp_payment_capture(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?, _ amount: Int64,
                                _ options: UnsafePointer<fwp_call_options>?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.capture(try reference(payment_reference), amount: amount, options: call)
    }
}

/// fwp_payment_adjust: raises the amount held by a "preauth" pre-authorization to amount (at
/// least the current hold; the same amount extends the holding period) (POST
/// /payments/{ref}/authorization_adjustments). Since 0.1.
@c
public func fwp_payment_adjust(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?, _ amount: Int64,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.adjust(try reference(payment_reference), amount: amount, options: call)
    }
}

/// fwp_payment_charge: charges a saved card (POST /payments/charge). body: borrowed JSON
/// object with payment_method_token and mandate_id (from a tokenization session's confirm),
/// charge_intent.mode, recipient.id, items, and optional payor_id, external_reference,
/// notifications_url. out: {"payment_reference", "status", "charge_info", "mandate"}.
/// FWP_E_OUTCOME_UNKNOWN: the card may have been charged; retry only with the same
/// options->idempotency_key. Since 0.1.
@c
public func fwp_payment_charge(_ client: OpaquePointer?, _ body: UnsafePointer<json_t>?,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.payments.charge(try requiredJSON(body, "body"), options: call)
    }
}

private func reference(_ pointer: UnsafePointer<CChar>?) throws(FWPayError) -> String {
    try string(pointer, "payment_reference", limit: ArgumentLimit.identifier)
}
