import Foundation
import Hummingbird

/// The merchant's "Create Session" page (seed 000): search a recipient by name and pick it by
/// its id, give payer information if wanted, choose one of the recipient's open orders, and
/// create the session whose link goes to the payer. Behind `SignedInMiddleware`.
struct MerchantPagesController {
    let database: SandboxDatabase
    let pages: PageRenderer

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get("new", use: new)
            .post(use: create)
    }

    /// The values a re-shown form keeps.
    struct Entered {
        var orderID: String?
        var payer: [String: String] = [:]
        var locale = "en"
        var actionButton = "pay"
        var showLogo = true
    }

    static let payerFields: [(name: String, label: String, type: String, autocomplete: String)] = [
        ("first_name", "First name", "text", "off"), ("last_name", "Last name", "text", "off"),
        ("email", "Email", "email", "off"), ("country", "Country", "select", "off"),
    ]
    static let localeNames = ["en": "English", "es-ES": "Español", "fr-FR": "Français", "zh-CN": "中文", "ko": "한국어",
                              "pt-PT": "Português", "ja": "日本語", "id": "Bahasa Indonesia", "ar": "العربية",
                              "vi": "Tiếng Việt", "it-IT": "Italiano", "de-DE": "Deutsch"]

    func new(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = String((request.formQuery("q") ?? "").prefix(100))
        let chosen = request.formQuery("recipient")
        return try await form(context: context, query: query, recipientID: chosen, entered: Entered())
    }

    func create(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let form = try await FormBody.fields(of: request)
        try context.requireFormToken(form)
        var entered = Entered(orderID: form["order_id"], locale: form["locale"] ?? "en",
                              actionButton: form["action_button"] ?? "pay", showLogo: form["show_flywire_logo"] == "true")
        for field in Self.payerFields {
            if let value = form[field.name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { entered.payer[field.name] = value }
        }
        guard let recipientID = form["recipient_id"], !recipientID.isEmpty else {
            return try await self.form(context: context, query: "", recipientID: nil, entered: entered,
                                       errors: ["Choose a recipient first."], status: .unprocessableContent)
        }
        guard let orderID = entered.orderID, !orderID.isEmpty else {
            return try await self.form(context: context, query: "", recipientID: recipientID, entered: entered,
                                       errors: ["Choose an order."], fieldErrors: ["order_id": "Choose an order"], status: .unprocessableContent)
        }
        // Left empty, the payer is the order's.
        var payor = entered.payer
        if payor.isEmpty, let (order, _) = try database.order(orderID, of: client), let payer = order.body["payer"] {
            for field in Self.payerFields { if let value = payer[field.name]?.string { payor[field.name] = value } }
        }
        let body: JSON = .object([
            ("type", .string("one_off")), ("recipient_id", .string(recipientID)), ("order_id", .string(orderID)),
            ("payor", .object(payor.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("options", .object([("form", .object([
                ("locale", .string(entered.locale)), ("action_button", .string(entered.actionButton)),
                ("show_flywire_logo", .bool(entered.showLogo)),
            ]))])),
        ])
        let session: SessionRecord, validated: ValidatedSession
        do {
            validated = try validate(body, of: client, database: database)
            session = try await database.createSession(validated, for: client)
        } catch let problem as Problem where problem.status == .unprocessableContent {
            var fieldErrors: [String: String] = [:]
            for entry in problem.errors where entry.param == "order_id" { fieldErrors["order_id"] = entry.message }
            return try await self.form(context: context, query: "", recipientID: recipientID, entered: entered,
                                       errors: problem.errors.map { "\($0.source.dropFirst()): \($0.message)" },
                                       fieldErrors: fieldErrors, status: .unprocessableContent)
        }
        let recipient = validated.recipient
        let warnings = validated.warnings.map { warning in
            "\(warning["source"]?.string ?? ""): " + (warning["errors"]?.array ?? []).compactMap { $0["text"]?.string }.joined(separator: ", ")
        }
        var values = context.merchantHeader(.createSession)
        values["link"] = "\(request.sandboxBaseURL)/checkout/form?session_id=\(session.id)"
        values["sessionID"] = session.id
        values["orderID"] = orderID
        values["recipient"] = "\(recipient.id) · \(recipient.name)"
        values["amount"] = recipient.billingCurrency.format(session.amount)
        values["warnings"] = warnings
        values["hasWarnings"] = !warnings.isEmpty
        return pages.page("session_created", values, status: .created)
    }

    /// The page: search results, the chosen recipient, and its order, payer and option fields.
    private func form(context: SandboxRequestContext, query: String, recipientID: String?, entered: Entered,
                      errors: [String] = [], fieldErrors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let client = try context.requireClient()
        var values = context.merchantHeader(.createSession)
        values["query"] = query
        values["errors"] = errors
        values["hasErrors"] = !errors.isEmpty
        let recipients = database.recipients(page: 1, perPage: 100).recipients
        if !query.isEmpty {
            let wanted = Self.folded(query)
            let results = recipients.filter { Self.folded($0.name).contains(wanted) || $0.id.uppercased() == query.uppercased() }
            values["searched"] = true
            values["hasResults"] = !results.isEmpty
            values["results"] = results.map { recipient -> [String: Any] in
                let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return ["id": recipient.id, "name": recipient.name, "country": recipient.country, "currency": recipient.currency,
                        "href": "/merchant/sessions/new?recipient=\(recipient.id)&q=\(q)"]
            }
        }
        if let recipientID, let recipient = recipients.first(where: { $0.id == recipientID }) {
            // Orders usable with this portal: open, of this recipient, compatible with its country (seed 000).
            let orders = try await database.orders(of: client, recipient: recipient.id, country: recipient.country, status: "open",
                                                   page: 1, perPage: 100).0
            var recipientValues: [String: Any] = [
                "id": recipient.id, "name": recipient.name, "country": recipient.country, "currency": recipient.currency,
                "hasOrders": !orders.isEmpty, "fieldErrors": fieldErrors,
            ]
            recipientValues["orders"] = orders.map { order, _ -> [String: Any] in
                let body = order.body
                let payer = [body["payer"]?["first_name"]?.string, body["payer"]?["last_name"]?.string].compactMap { $0 }.joined(separator: " ")
                let reference = body["external_reference"]?.string.map { " · \($0)" } ?? ""
                return ["id": order.id, "selected": order.id == entered.orderID,
                        "label": "\(order.id) · \(recipient.billingCurrency.format(order.total)) · \(payer)\(reference)"]
            }
            recipientValues["payerFields"] = Self.payerFields.map { field -> [String: Any] in
                var values: [String: Any] = ["name": field.name, "label": field.label, "type": field.type,
                                             "autocomplete": field.autocomplete, "value": entered.payer[field.name] ?? ""]
                if field.type == "select" {
                    values["hasOptions"] = true
                    values["options"] = CountryNames.options(selected: entered.payer[field.name])
                }
                return values
            }
            recipientValues["locales"] = SessionRules.locales.map { ["value": $0, "label": Self.localeNames[$0] ?? $0, "selected": $0 == entered.locale] }
            recipientValues["buttons"] = [("pay", "Pay"), ("save", "Save"), ("next", "Next")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == entered.actionButton]
            }
            recipientValues["showLogo"] = entered.showLogo
            recipientValues["csrf"] = context.signIn?.formToken ?? ""
            values["recipient"] = recipientValues
        } else if let recipientID, !recipientID.isEmpty {
            values["errors"] = errors + ["No recipient has the id \(recipientID)."]
            values["hasErrors"] = true
        }
        return pages.page("create_session", values, status: status)
    }

    /// Case and accents do not matter in a name search ("escuela tecnica" finds "Escuela Técnica").
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
