import CFWPay

/// fwp_session_create: creates a checkout session (POST /checkout/sessions) of any type:
/// "one_off", "tokenization", "tokenization_and_pay" (pre-authorizations with
/// charge_intent.capture "manual"), "new_mandate" or "recurring". body: borrowed JSON object
/// (type, recipient_id, items, charge_intent, payor, options.form, recipient.fields,
/// notifications_url, external_reference, schema, payor_id, order_id). Only what is certainly
/// invalid is refused before sending (see docs/api.md): types, intents and required members
/// are the server's to judge, so a one_off pre-authorization is sent as it is. options: NULL or per-call settings. out:
/// receives a new reference to {"id", "expires_in_seconds", "hosted_form": {"url", "method"},
/// "warnings"}, NULL on failure; release with json_decref. Show hosted_form.url to the payer;
/// warnings list pre-fill values the form ignored. err: optional. Returns FWP_OK or a
/// negative FWP_E_ code. Since 0.1.
@c
public func fwp_session_create(_ client: OpaquePointer?, _ body: UnsafePointer<json_t>?,
                               _ options: UnsafePointer<fwp_call_options>?,
                               _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.sessions.create(try requiredJSON(body, "body"), options: call)
    }
}

/// fwp_session_confirm: confirms a session after the payer sent the form (POST
/// /checkout/sessions/{id}/confirm) and answers its payment (Flywire makes the payment once
/// the payer has sent the form; the confirm proves you created the session), or the saved
/// card of a session that only tokenizes. session: the session id, or the
/// confirm URL of the form's postMessage (confirm_url.url), which must lie under the client's
/// base URL so that the API key is never sent elsewhere. options: NULL or per-call settings.
/// out: receives a new reference to {"payment_reference", "charge_info": {"amount",
/// "currency"}, "payment_method": {"token", ...}, "mandate": {"id"}}, NULL on failure; release
/// with json_decref. err: optional. Confirming before the form was sent, after the session
/// expired or twice fails with FWP_E_INVALID_REQUEST; FWP_E_OUTCOME_UNKNOWN means the confirm
/// was sent without an answer. Since 0.1.
@c
public func fwp_session_confirm(_ client: OpaquePointer?, _ session: UnsafePointer<CChar>?,
                                _ options: UnsafePointer<fwp_call_options>?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        try api.sessions.confirm(try string(session, "session", limit: ArgumentLimit.url), options: call)
    }
}
