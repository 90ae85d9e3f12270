/// Checkout sessions (seed 003): created by the merchant, filled in by the payer on the
/// hosted form, then confirmed by the merchant.
public struct Sessions: Sendable {
    let transport: Transport

    /// Creates a session (POST /checkout/sessions). Only what is certainly invalid is refused
    /// before sending: a body that is not an object, `items` that are not objects with whole,
    /// positive amounts, an `action_button` label or an `external_reference` longer than seed
    /// 003's 50 characters. Types, charge intents (a pre-authorization may be `one_off` or
    /// `tokenization_and_pay`), locales and required members are the server's to judge.
    public func create(_ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let session = try Check.object(body, field: "body")
        try Check.items(session["items"])
        try Check.text(session["options"]?["form"]?["action_button"], source: "/options/form/action_button",
                       param: "action_button", maximum: 50)
        try Check.text(session["external_reference"], source: "/external_reference", param: "external_reference", maximum: 50)
        return try transport.send(HTTPRequest(method: .post, path: "/checkout/sessions", template: "/checkout/sessions", body: try body.requestBody(options),
                                              idempotencyKey: options.keyForPost), options: options)
    }

    /// Confirms a session the payer has sent (POST /checkout/sessions/{id}/confirm), creating
    /// the payment. `session` is the session id, or the confirm URL from the form's
    /// postMessage; a URL must lie under this client's base URL, so that the API key is never
    /// sent elsewhere.
    public func confirm(_ session: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let id = try sessionID(from: session)
        return try transport.send(HTTPRequest(method: .post, path: "/checkout/sessions/\(id)/confirm", template: "/checkout/sessions/{session_id}/confirm",
                                              idempotencyKey: options.keyForPost), options: options)
    }

    func sessionID(from text: String) throws(FWPayError) -> String {
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            try Check.identifier(text, field: "session")
            return text
        }
        let prefix = transport.settings.baseURL + "/checkout/sessions/"
        guard text.hasPrefix(prefix), text.hasSuffix("/confirm") else {
            throw FWPayError(.invalidArgument, "the confirm URL \"\(text)\" is not under this client's base URL \(transport.settings.baseURL)")
        }
        let id = String(text.dropFirst(prefix.count).dropLast("/confirm".count))
        try Check.identifier(id, field: "session")
        return id
    }
}
