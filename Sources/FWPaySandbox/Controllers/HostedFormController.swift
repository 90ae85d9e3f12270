import Hummingbird

/// The hosted form a payer fills in (the session's `hosted_form.url`): no API key, the
/// session id is what the payer holds. The page shows the pre-filled payer information, the
/// card fields, and the session's form options (locale, button label, logo). Sent from a
/// browser, it answers a page that shows the confirm URL and posts seed 003's message
/// `{source, success, confirm_url: {url, method}, payor: {email}}` to the embedding page; sent
/// as JSON, it answers that message as JSON.
struct HostedFormController {
    let database: SandboxDatabase
    let pages: PageRenderer

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: show)
            .post(use: submit)
    }

    /// `state` is optional: asked for the countries that have states (the confirm answer's
    /// `payor.state`, real-api-evidence.md §4 C), kept from the session's `payor.state` otherwise.
    static let payerFields = ["first_name", "last_name", "email", "country", "state"]
    static let cardFields = ["card_holder", "card_number", "card_expiration", "cvv"]

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        switch try await openSession(request) {
        case .closed(let why, let locale): return closedPage(why, locale: locale)
        case .open(let session):
            let prefill = session.submitted?.removing("cvv") ?? session.request["payor"] ?? .object([])
            var values: [String: String] = [:]
            for (key, value) in prefill.members ?? [] { if let text = value.string { values[key] = text } }
            return try await form(session, values: values, errors: [:])
        }
    }

    func submit(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let fromBrowser = FormBody.isForm(request)
        let session: SessionRecord
        switch try await openSession(request) {
        case .closed(let why, let locale): if fromBrowser { return closedPage(why, locale: locale) } else { throw why.problem }
        case .open(let open): session = open
        }
        var form = fromBrowser ? try await FormBody.fields(of: request) : try await jsonFields(of: request, context: context)
        // A state the merchant pre-filled in the session's payor stays when the payer gave none.
        if (form["state"] ?? "").isEmpty, let prefilled = session.request["payor"]?["state"]?.string, !prefilled.isEmpty {
            form["state"] = prefilled
        }
        if form["state"]?.trimmingCharacters(in: .whitespaces).isEmpty == true { form["state"] = nil }
        var errors = PayerForm.errors(form, now: database.clock(of: session.clientID).now())
        if errors["country"] == nil, session.request["charge_intent"]?["capture"]?.string == "manual",
           let country = form["country"], Currency.of(country: country)?.code != session.currency {
            errors["country"] = "pre-authorization needs a card in \(session.currency), the recipient's currency"
        }
        guard errors.isEmpty else {
            if fromBrowser { return try await self.form(session, values: form.filter { $0.key != "cvv" }, errors: errors, status: .unprocessableContent) }
            throw Problem.invalid(errors.sorted { $0.key < $1.key }.map {
                Problem.Entry(source: $0.key, param: $0.key, type: "invalid_param", message: $0.value)
            })
        }
        _ = try await database.submitForm(session: session.id, form: form)
        let confirmURL = "\(request.sandboxBaseURL)\(apiBasePath)/checkout/sessions/\(session.id)/confirm"
        let message: JSON = .object([
            ("source", .string("checkout_session")), ("success", .bool(true)),
            ("confirm_url", .object([("url", .string(confirmURL)), ("method", .string("POST"))])),
            ("payor", .object([("email", .string(form["email"] ?? ""))])),
        ])
        guard fromBrowser else { return .json(message) }
        let text = PayerFormText(locale: session.request["options"]?["form"]?["locale"]?.string)
        return pages.page("payer_sent", [
            "lang": text.language, "t": text.strings, "confirmURL": confirmURL, "email": form["email"] ?? "",
            // Inside <script>: "<" is escaped so that no value can close the element.
            "messageJSON": message.text.replacingOccurrences(of: "<", with: "\\u003c"),
            "originsJSON": Self.targetOrigins(of: session).text.replacingOccurrences(of: "<", with: "\\u003c"),
        ], embeddable: true)
    }

    /// Where the postMessage may go: the session's `options.form.allowed_origins` [S] (so that
    /// the payer's email and the confirm URL reach only the merchant's page, finding L17), else
    /// any embedding page, as seed 003 documents.
    static func targetOrigins(of session: SessionRecord) -> JSON {
        let given = (session.request["options"]?["form"]?["allowed_origins"]?.array ?? []).compactMap(\.string)
        return .array((given.isEmpty ? ["*"] : given).map(JSON.string))
    }

    /// Why a link cannot be filled in: the page a browser gets, or the problem a JSON client gets.
    private enum Closed {
        case missing, used, expired

        var key: String {
            switch self { case .missing: "missing"; case .used: "used"; case .expired: "expired" }
        }
        var status: HTTPResponse.Status {
            switch self { case .missing: .notFound; case .used: .conflict; case .expired: .gone }
        }
        var problem: Problem {
            switch self {
            case .missing: Problem.notFound("Checkout session not found")
            case .used: Problem.invalid(source: "/session", param: "session_id", type: "invalid_status", "has already been confirmed")
            case .expired: Problem(status: .gone, title: "Gone", detail: "This checkout session has expired")
            }
        }
    }

    private enum Lookup {
        case open(SessionRecord)
        case closed(Closed, locale: String?)
    }

    /// The session the link names, if it can still be filled in.
    private func openSession(_ request: Request) async throws -> Lookup {
        let id = request.query("session_id") ?? ""
        guard id.utf8.count <= 64, let session = try database.session(id) else { return .closed(.missing, locale: nil) }
        let locale = session.request["options"]?["form"]?["locale"]?.string
        // Confirmed, or paid when the payer sent it: the link has done its work.
        if session.status == .confirmed || session.paymentID != nil { return .closed(.used, locale: locale) }
        if database.clock(of: session.clientID).now() > session.expiresAt { return .closed(.expired, locale: locale) }
        return .open(session)
    }

    /// The page that says why the link cannot be filled in, in the session's language.
    private func closedPage(_ why: Closed, locale: String?) -> Response {
        let text = PayerFormText(locale: locale)
        return pages.page("payer_closed", ["lang": text.language, "t": text.strings, "heading": text[why.key + "Title"],
                                           "message": text[why.key + "Body"]], status: why.status, embeddable: true)
    }

    private func form(_ session: SessionRecord, values: [String: String], errors: [String: String],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let options = session.request["options"]?["form"]
        let text = PayerFormText(locale: options?["locale"]?.string)
        let recipient = database.recipient(session.recipientID)
        let currency = Currency.named(session.currency) ?? recipient?.billingCurrency
        func field(_ name: String) -> [String: Any] {
            var field: [String: Any] = ["name": name, "label": text[name], "value": values[name] ?? "", "required": name != "state"]
            if let error = errors[name] { field["error"] = text.message(error) }
            switch name {
            case "email": field["type"] = "email"; field["autocomplete"] = "email"
            case "first_name": field["type"] = "text"; field["autocomplete"] = "given-name"
            case "last_name": field["type"] = "text"; field["autocomplete"] = "family-name"
            case "state": field["type"] = "text"; field["autocomplete"] = "address-level1"
            case "country":
                field["hasOptions"] = true
                field["options"] = CountryNames.options(selected: values[name])
            case "card_holder": field["autocomplete"] = "cc-name"; field["inputmode"] = "text"
            case "card_number": field["autocomplete"] = "cc-number"; field["inputmode"] = "numeric"; field["hint"] = text["cardHint"]
            case "card_expiration": field["autocomplete"] = "cc-exp"; field["inputmode"] = "numeric"
            case "cvv": field["autocomplete"] = "cc-csc"; field["inputmode"] = "numeric"; field["hint"] = text["cvvHint"]
            default: break
            }
            return field
        }
        let order = Self.payerFields + Self.cardFields
        let errorList = order.compactMap { name in errors[name].map { ["field": name, "label": text[name], "message": text.message($0)] } }
        let values: [String: Any] = [
            "lang": text.language, "t": text.strings,
            "showLogo": options?["show_flywire_logo"] != .bool(false),
            "recipientName": recipient?.name ?? session.recipientID,
            "amount": currency.map { $0.format(session.amount) } ?? "\(session.amount)",
            "actionLabel": text.actionLabel(options?["action_button"]?.string),
            "formAction": "/checkout/form?session_id=\(session.id)",
            "payerFields": Self.payerFields.map(field), "cardFields": Self.cardFields.map(field),
            "hasErrors": !errorList.isEmpty, "errorList": errorList,
        ]
        return pages.page("payer_form", values, status: status, embeddable: true)
    }

    /// The submitted fields of a JSON body (strings, or numbers given as numbers).
    private func jsonFields(of request: Request, context: SandboxRequestContext) async throws -> [String: String] {
        let body = try await request.jsonObject(context: context)
        var fields: [String: String] = [:]
        for (key, value) in body.members ?? [] {
            if let text = value.string { fields[key] = text } else if let number = value.integer { fields[key] = String(number) }
        }
        return fields
    }
}
