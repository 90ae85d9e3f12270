/// A checkout session body that passed every rule.
struct ValidatedSession: Sendable {
    var type: String
    var recipient: RecipientRecord
    var amount: Int64
    /// Pre-fill values that are not valid: reported, not refused (seed 003).
    var warnings: [JSON]
    var capture: String
}

/// The rules of POST /checkout/sessions (seed 003, flywire-api.md §3).
enum SessionRules {
    static let types = ["one_off", "tokenization", "tokenization_and_pay", "new_mandate", "recurring"]
    /// Types that take money when confirmed; the others only save a card and a mandate.
    static let chargingTypes: Set<String> = ["one_off", "tokenization_and_pay", "recurring"]
    static let locales = ["en", "es-ES", "zh-CN", "ko", "pt-PT", "ja", "fr-FR", "id", "ar", "vi", "it-IT", "de-DE"]
    static let modes = ["installment", "subscription", "unscheduled", "one_off"]
    /// A session can be confirmed for this long after it is created.
    static let lifetime = 1_800.0

    static func validate(_ body: JSON, recipient: RecipientRecord) throws -> ValidatedSession {
        var errors: [Problem.Entry] = []
        func fail(_ source: String, _ param: String, _ type: String = "invalid_param", _ message: String) {
            errors.append(Problem.Entry(source: source, param: param, type: type, message: message))
        }
        let type = body["type"]?.string ?? ""
        if body["type"] == nil { fail("/type", "type", "missing_param", "is required") }
        else if !types.contains(type) { fail("/type", "type", "invalid_param", "must be one of \(types.joined(separator: ", "))") }

        // Items: what the payer pays for, in the recipient's billing currency.
        var total: Int64 = 0
        let items = body["items"]?.array
        if chargingTypes.contains(type) {
            if let items, !items.isEmpty {
                for (index, item) in items.enumerated() {
                    if case .integer(let amount)? = item["amount"], amount > 0, amount <= Int64.max / 1_000 {
                        let (sum, overflow) = total.addingReportingOverflow(amount)
                        if overflow { fail("/items/\(index)/amount", "amount", "invalid_param", "is too large") } else { total = sum }
                    }
                    else if item["amount"] == nil { fail("/items/\(index)/amount", "amount", "missing_param", "is required") }
                    else { fail("/items/\(index)/amount", "amount", "invalid_param", "must be a positive integer number of subunits") }
                }
                if type == "tokenization_and_pay", items.count != 1 || items[0]["id"]?.string != "default" {
                    fail("/items", "items", "invalid_param", "must hold exactly one item, with id \"default\"")
                }
                if errors.isEmpty {
                    let currency = recipient.billingCurrency
                    if total < recipient.minimumAmount {
                        fail("/items", "items", "invalid_param", "Amount must be greater than \(currency.format(recipient.minimumAmount))")
                    } else if total > recipient.maximumAmount {
                        fail("/items", "items", "invalid_param", "Amount must be less than \(currency.format(recipient.maximumAmount))")
                    }
                }
            } else {
                fail("/items", "items", body["items"] == nil ? "missing_param" : "invalid_param",
                     body["items"] == nil ? "is required" : "must be a non-empty array")
            }
        }

        // Charge intent: manual capture is a pre-authorization, with its own rules.
        let intent = body["charge_intent"]
        let capture = intent?["capture"]?.string ?? "automatic"
        if let value = intent?["capture"], value.string == nil || !["automatic", "manual"].contains(capture) {
            fail("/charge_intent/capture", "capture", "invalid_param", "must be automatic or manual")
        }
        if let mode = intent?["mode"], !(mode.string.map(modes.contains) ?? false) {
            fail("/charge_intent/mode", "mode", "invalid_param", "must be one of \(modes.joined(separator: ", "))")
        }
        if ["tokenization_and_pay", "recurring"].contains(type), intent?["mode"] == nil {
            fail("/charge_intent/mode", "mode", "missing_param", "is required")
        }
        if capture == "manual" {
            if type != "tokenization_and_pay" {
                fail("/charge_intent/capture", "capture", "invalid_param", "manual capture (pre-authorization) needs type tokenization_and_pay")
            }
            switch intent?["authorization"]?.string {
            case "preauth"?, "final"?: break
            case nil: fail("/charge_intent/authorization", "authorization", "missing_param", "is required for manual capture")
            default: fail("/charge_intent/authorization", "authorization", "invalid_param", "must be preauth or final")
            }
            if body["schema"]?.string != "cards" {
                fail("/schema", "schema", "invalid_param", "must be cards: only card payments can be pre-authorized")
            }
            if let country = body["payor"]?["country"]?.string, let payerCurrency = Currency.of(country: country),
               payerCurrency.code != recipient.currency {
                fail("/charge_intent/capture", "capture", "invalid_param",
                     "pre-authorization is only for same-currency payments (the payer pays in \(payerCurrency.code), \(recipient.id) bills in \(recipient.currency))")
            }
        }
        if let schema = body["schema"], schema.string != "cards" {
            fail("/schema", "schema", "invalid_param", "must be cards: the sandbox's form takes cards")
        }

        // Form options.
        let form = body["options"]?["form"]
        if let button = form?["action_button"] {
            if let text = button.string {
                if text.isEmpty || text.count > 50 { fail("/options/form/action_button", "action_button", "invalid_param", "must be save, next, pay, or a label of at most 50 characters") }
            } else { fail("/options/form/action_button", "action_button", "invalid_param", "must be a string") }
        }
        if let locale = form?["locale"], !(locale.string.map(locales.contains) ?? false) {
            fail("/options/form/locale", "locale", "invalid_param", "must be one of \(locales.joined(separator: ", "))")
        }
        if let logo = form?["show_flywire_logo"], case .bool = logo {} else if form?["show_flywire_logo"] != nil {
            fail("/options/form/show_flywire_logo", "show_flywire_logo", "invalid_param", "must be true or false")
        }

        if let reference = body["external_reference"], reference != .null {
            if let text = reference.string {
                if text.count > 50 { fail("/external_reference", "external_reference", "invalid_param", "is longer than 50 characters") }
            } else { fail("/external_reference", "external_reference", "invalid_param", "must be a string") }
        }
        if let payor = body["payor_id"], payor != .null, !(payor.string.map { !$0.isEmpty && !$0.contains(" ") } ?? false) {
            fail("/payor_id", "payor_id", "invalid_param", "must be a string without spaces")
        }
        if let url = body["notifications_url"], url != .null, !(url.string.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false) {
            fail("/notifications_url", "notifications_url", "invalid_param", "must be an http or https URL")
        }
        let given = OrderRules.fieldValues(body["recipient"]?["fields"])
        for field in recipient.fieldList where field.required && (given[field.id] ?? "").isEmpty {
            fail("/recipient/fields/\(field.id)", field.id, "missing_param", "is required")
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return ValidatedSession(type: type, recipient: recipient, amount: total, warnings: warnings(body["payor"]), capture: capture)
    }

    /// A session body for an order: what the body leaves out (items, recipient fields,
    /// external reference, notifications URL) is taken from the order, so that the session
    /// charges what the order holds.
    static func filling(_ body: JSON, from order: JSON) -> JSON {
        var body = body
        if body["items"] == nil, let items = order["items"] { body = body.setting("items", items) }
        if body["recipient"]?["fields"] == nil, let fields = order["recipient"]?["fields"] {
            body = body.setting("recipient", (body["recipient"] ?? .object([])).setting("fields", fields))
        }
        for key in ["external_reference", "notifications_url"] where body[key] == nil {
            if let value = order[key] { body = body.setting(key, value) }
        }
        return body
    }

    /// Invalid pre-fill values of `payor`: `[{"source", "errors": [{"text", "error_type"}]}]`.
    static func warnings(_ payor: JSON?) -> [JSON] {
        var warnings: [JSON] = []
        func warn(_ source: String, _ text: String, _ type: String) {
            warnings.append(.object([("source", .string(source)),
                                     ("errors", .array([.object([("text", .string(text)), ("error_type", .string(type))])]))]))
        }
        guard let payor = payor?.members else { return [] }
        let fields = Dictionary(payor, uniquingKeysWith: { _, last in last })
        if let email = fields["email"]?.string, !email.isEmpty, !PayerForm.isEmail(email) {
            warn("email", "must be a valid email", "invalid_email")
        }
        if let country = fields["country"]?.string, !country.isEmpty, Currency.of(country: country) == nil {
            warn("country", "is not a valid country", "invalid_country")
        }
        if let phone = fields["phone"]?.string, !phone.isEmpty,
           !phone.allSatisfy({ $0.isNumber || $0 == "+" || $0 == " " || $0 == "-" }) || phone.filter(\.isNumber).count < 6 {
            warn("phone", "must be a valid phone number", "invalid_phone")
        }
        return warnings
    }
}

/// What the payer sends on the hosted form, checked field by field.
enum PayerForm {
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    /// The field errors of a submission (`field -> message`), empty when it is acceptable.
    /// `now` is the sandbox clock, against which the card's expiry is checked.
    static func errors(_ form: [String: String], now: Double) -> [String: String] {
        var errors: [String: String] = [:]
        for field in ["first_name", "last_name", "email", "country", "card_number", "card_expiration", "cvv", "card_holder"]
        where (form[field] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors[field] = "is required"
        }
        if let email = form["email"], !email.isEmpty, !isEmail(email) { errors["email"] = "must be a valid email" }
        if let country = form["country"], !country.isEmpty, Currency.of(country: country) == nil { errors["country"] = "is not a supported country" }
        let card = form["card_number"].flatMap(TestCard.card(number:))
        if let number = form["card_number"], !number.isEmpty, card == nil {
            errors["card_number"] = "is not a test card: use 4111 1111 1111 1111, 5454 5454 5454 5454 or 3700 0000 0000 002"
        }
        if let cvv = form["cvv"], !cvv.isEmpty, let card, cvv.count != card.cvvLength || !cvv.allSatisfy(\.isNumber) {
            errors["cvv"] = "must be \(card.cvvLength) digits"
        }
        if let expiry = form["card_expiration"], !expiry.isEmpty {
            if let (month, year) = expiration(expiry) {
                let today = SandboxClock.date(now)
                let current: Int = today.year * 12 + today.month
                if year * 12 + month < current { errors["card_expiration"] = "has passed" }
            } else {
                errors["card_expiration"] = "must be MM/YY or MM/YYYY"
            }
        }
        return errors
    }

    /// (month, four-digit year) of "03/30" or "03/2030".
    static func expiration(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month), let year = Int(parts[1]) else { return nil }
        if parts[1].count == 2 { return (month, 2000 + year) }
        return parts[1].count == 4 ? (month, year) : nil
    }
}
