import CFWPay

/// fwp_refund_create: refunds (part of) a delivered payment (POST /payments/{ref}/refunds).
/// payment_reference: not NULL. body: borrowed JSON object with "amount" (positive integer, in
/// the payment's currency) and optional "external_reference", "notifications_url",
/// "enable_payer_email_notifications". options: NULL or per-call settings. out: receives a
/// new reference to {"refund_id", "payment_id", "bundle_id", "status": "pending", "amount",
/// "currency", "amount_to", "currency_to", ...}, NULL on failure; release with json_decref.
/// err: optional; the server refuses refunds of payments not delivered (invalid_status), a
/// second active refund (already_refund) and amounts over what remains
/// (amount_over_remaining_balance). FWP_E_OUTCOME_UNKNOWN: the refund may exist; list the
/// payment's refunds before trying again. Since 0.1.
@c
public func fwp_refund_create(_ client: OpaquePointer?, _ payment_reference: UnsafePointer<CChar>?,
                              _ body: UnsafePointer<json_t>?, _ options: UnsafePointer<fwp_call_options>?,
                              _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                              _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let payment = try string(payment_reference, "payment_reference", limit: ArgumentLimit.identifier)
        return try api.refunds.create(payment: payment, try requiredJSON(body, "body"), options: call)
    }
}

/// fwp_refund_get: a refund (GET /refunds/{id}). refund_id: not NULL. options: NULL or
/// per-call settings. out: new reference, NULL on failure; release with json_decref. err:
/// optional. Since 0.1.
@c
public func fwp_refund_get(_ client: OpaquePointer?, _ refund_id: UnsafePointer<CChar>?,
                           _ options: UnsafePointer<fwp_call_options>?,
                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refunds.get(try string(refund_id, "refund_id", limit: ArgumentLimit.identifier), options: call)
    }
}

/// fwp_refund_list: one page of refunds (GET /refunds). filters: borrowed JSON object or NULL
/// with any of "payment_id", "status". page, per_page: as fwp_recipient_list. out:
/// {"refunds": [...], "page", "per_page", "total_entries", "total_pages"}. Since 0.1.
@c
public func fwp_refund_list(_ client: OpaquePointer?, _ filters: UnsafePointer<json_t>?, _ page: CInt, _ per_page: CInt,
                            _ options: UnsafePointer<fwp_call_options>?,
                            _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                            _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refunds.list(filters: try json(filters), page: try pageRequest(page, per_page), options: call)
    }
}

/// fwp_refund_cancel: cancels a refund that has not been received yet (POST
/// /refunds/{id}/cancel). out: the cancelled refund. Since 0.1.
@c
public func fwp_refund_cancel(_ client: OpaquePointer?, _ refund_id: UnsafePointer<CChar>?,
                              _ options: UnsafePointer<fwp_call_options>?,
                              _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                              _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.refunds.cancel(try string(refund_id, "refund_id", limit: ArgumentLimit.identifier), options: call)
    }
}
