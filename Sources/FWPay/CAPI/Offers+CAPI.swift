import CFWPay

/// fwp_offer_list: the offers (one per payment method, priced in the payer's currency) for
/// paying amount to recipient_id from country (GET /offers). recipient_id: e.g. "FWU".
/// amount: positive, in subunits of the recipient's billing currency (USD 120.25 is 12025).
/// country: the payer's ISO 3166 alpha-2 code, e.g. "ES"; an order using an offer must have
/// the same payer country. options: NULL or per-call settings. out: receives a new reference
/// to {"offers": [...]}, NULL on failure; release with json_decref. err: optional. Returns
/// FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_offer_list(_ client: OpaquePointer?, _ recipient_id: UnsafePointer<CChar>?, _ amount: Int64,
                           _ country: UnsafePointer<CChar>?, _ options: UnsafePointer<fwp_call_options>?,
                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let recipient = try string(recipient_id, "recipient_id", limit: ArgumentLimit.identifier)
        let payerCountry = try string(country, "country", limit: ArgumentLimit.identifier)
        return try api.offers.list(recipientID: recipient, amount: amount, country: payerCountry, options: call)
    }
}
