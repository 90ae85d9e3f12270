import CFWPay

/// fwp_request: any call of the API that has no function of its own. method: "GET", "POST",
/// "PATCH" or "DELETE". path: below the base URL, starting with "/", query included and
/// percent-encoded (e.g. "/payments/FWU123456789"); with a client of fwpay-sandbox's root
/// (http://127.0.0.1:PORT), it also reaches the sandbox's own control API under "/sandbox",
/// which is SANDBOX-ONLY (Flywire has none). body: borrowed JSON, NULL for none (must
/// be NULL for GET). A POST carries an Idempotency-Key (options->idempotency_key, or a random
/// one). options: NULL or per-call settings. out: receives a new reference to the answer (JSON
/// null for an empty answer), NULL on failure; release with json_decref. err: optional.
/// Returns FWP_OK or a negative FWP_E_ code. Since 0.1.
@c
public func fwp_request(_ client: OpaquePointer?, _ method: UnsafePointer<CChar>?, _ path: UnsafePointer<CChar>?,
                        _ body: UnsafePointer<json_t>?, _ options: UnsafePointer<fwp_call_options>?,
                        _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                        _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    performCall(client, options, out, err) { api, call throws(FWPayError) in
        let name = try string(method, "method", limit: 16)
        guard let verb = HTTPMethod(rawValue: name) else {
            throw FWPayError(.invalidArgument, "method \"\(name)\" is not one of GET, POST, PATCH, DELETE")
        }
        let target = try string(path, "path", limit: ArgumentLimit.url)
        return try api.request(verb, path: target, body: try json(body), options: call)
    }
}
