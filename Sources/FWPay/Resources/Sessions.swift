/// Checkout sessions (seed 003): created by the merchant, filled in by the payer on the
/// hosted form, then confirmed by the merchant.
public struct Sessions: Sendable {
    let transport: Transport

    static let types = ["one_off", "tokenization", "tokenization_and_pay", "new_mandate", "recurring"]
    static let modes = ["installment", "subscription", "unscheduled", "one_off"]
    static let locales = ["en", "es-ES", "zh-CN", "ko", "pt-PT", "ja", "fr-FR", "id", "ar", "vi", "it-IT", "de-DE"]

    /// Creates a session (POST /checkout/sessions). Checked before sending (seed 003): `type`
    /// is one of the five types; `recipient_id` is given; `tokenization_and_pay` has exactly one
    /// item, with id `default`; manual capture needs `tokenization_and_pay`, `authorization`
    /// preauth or final, a `mode`, and `schema: cards`; `action_button` is save, next, pay or at
    /// most 50 characters; `locale` is from seed 003's table; `external_reference` at most 50
    /// characters; `payor_id` has no spaces; amounts are positive integers.
    public func create(_ body: JSONValue, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let session = try Check.object(body, field: "body")
        guard let type = session["type"]?.stringValue else {
            throw .invalidParameter(source: "/type", param: "type", type: "missing_param", "is required")
        }
        guard Self.types.contains(type) else {
            throw .invalidParameter(source: "/type", param: "type", "must be one of \(Self.types.joined(separator: ", "))")
        }
        guard let recipient = session["recipient_id"]?.stringValue else {
            throw .invalidParameter(source: "/recipient_id", param: "recipient_id", type: "missing_param", "is required")
        }
        try Check.identifier(recipient, field: "recipient_id")
        if ["one_off", "tokenization_and_pay", "recurring"].contains(type) { try Check.items(session["items"], required: true) }
        if type == "tokenization_and_pay" {
            let items = session["items"]?.arrayValue ?? []
            guard items.count == 1, items[0]["id"]?.stringValue == "default" else {
                throw .invalidParameter(source: "/items", param: "items", "must hold exactly one item, with id \"default\"")
            }
        }
        let intent = session["charge_intent"]
        if let mode = intent?["mode"], !(mode.stringValue.map(Self.modes.contains) ?? false) {
            throw .invalidParameter(source: "/charge_intent/mode", param: "mode", "must be one of \(Self.modes.joined(separator: ", "))")
        }
        if let capture = intent?["capture"] {
            guard let value = capture.stringValue, ["automatic", "manual"].contains(value) else {
                throw .invalidParameter(source: "/charge_intent/capture", param: "capture", "must be automatic or manual")
            }
            if value == "manual" {
                guard type == "tokenization_and_pay" else {
                    throw .invalidParameter(source: "/charge_intent/capture", param: "capture",
                                            "manual capture (pre-authorization) needs type tokenization_and_pay")
                }
                guard let authorization = intent?["authorization"]?.stringValue, ["preauth", "final"].contains(authorization) else {
                    throw .invalidParameter(source: "/charge_intent/authorization", param: "authorization", "must be preauth or final")
                }
                guard intent?["mode"] != nil else {
                    throw .invalidParameter(source: "/charge_intent/mode", param: "mode", type: "missing_param", "is required")
                }
                guard session["schema"]?.stringValue == "cards" else {
                    throw .invalidParameter(source: "/schema", param: "schema", "must be cards: only card payments can be pre-authorized")
                }
            }
        }
        let form = session["options"]?["form"]
        if let button = form?["action_button"] {
            guard let text = button.stringValue, !text.isEmpty, text.unicodeScalars.count <= 50 else {
                throw .invalidParameter(source: "/options/form/action_button", param: "action_button",
                                        "must be save, next, pay, or a label of at most 50 characters")
            }
        }
        if let locale = form?["locale"], !(locale.stringValue.map(Self.locales.contains) ?? false) {
            throw .invalidParameter(source: "/options/form/locale", param: "locale", "must be one of \(Self.locales.joined(separator: ", "))")
        }
        if let reference = session["external_reference"], reference != .null {
            guard let text = reference.stringValue, text.unicodeScalars.count <= 50 else {
                throw .invalidParameter(source: "/external_reference", param: "external_reference", "must be a string of at most 50 characters")
            }
        }
        if let payor = session["payor_id"], payor != .null {
            guard let text = payor.stringValue, !text.isEmpty, !text.contains(" ") else {
                throw .invalidParameter(source: "/payor_id", param: "payor_id", "must be a string without spaces")
            }
        }
        return try transport.send(HTTPRequest(method: .post, path: "/checkout/sessions", body: try body.serialized(),
                                              idempotencyKey: options.keyForPost), options: options)
    }

    /// Confirms a session the payer has sent (POST /checkout/sessions/{id}/confirm), creating
    /// the payment. `session` is the session id, or the confirm URL from the form's
    /// postMessage; a URL must lie under this client's base URL, so that the API key is never
    /// sent elsewhere.
    public func confirm(_ session: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let id = try sessionID(from: session)
        return try transport.send(HTTPRequest(method: .post, path: "/checkout/sessions/\(id)/confirm",
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
