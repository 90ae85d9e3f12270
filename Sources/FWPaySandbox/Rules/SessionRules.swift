/// A checkout session body that passed every rule.
struct ValidatedSession: Sendable {
    var type: String
    var recipient: RecipientRecord
    var amount: Int64
    /// Pre-fill values that are not valid: reported, not refused (seed 003).
    var warnings: [JSON]
    /// The body to store (for an order, with what was taken from the order).
    var body: JSON
    /// The order this session charges when confirmed, if it was made for one.
    var orderID: String?
}

/// The rules of POST /checkout/sessions (seed 003, flywire-api.md §3).
enum SessionRules {
    static let types = ["one_off", "tokenization", "tokenization_and_pay", "new_mandate", "recurring"]
    /// Types that take money when confirmed; the others only save a card and a mandate.
    static let chargingTypes: Set<String> = ["one_off", "tokenization_and_pay", "recurring"]
    static let locales = ["en", "es-ES", "zh-CN", "ko", "pt-PT", "ja", "fr-FR", "id", "ar", "vi", "it-IT", "de-DE"]
    static let modes = ["installment", "subscription", "unscheduled", "one_off"]
    /// Types that can hold a card's funds (manual capture).
    static let preauthorizationTypes: Set<String> = ["one_off", "tokenization_and_pay"]
    /// A session can be confirmed for this long after it is created.
    static let lifetime = 1_800.0

    static func validate(_ body: JSON, recipient: RecipientRecord) throws -> ValidatedSession {
        var errors = RuleErrors()
        let type = body["type"]?.string ?? ""
        if body["type"] == nil { errors.fail("/type", "type", "missing_param", "is required") }
        else if !types.contains(type) { errors.fail("/type", "type", "invalid_param", "must be one of \(types.joined(separator: ", "))") }

        // Items: what the payer pays for, in the recipient's billing currency.
        var total: Int64 = 0
        if chargingTypes.contains(type) {
            total = CommonRules.itemsTotal(body["items"], recipient: recipient, errors: &errors) ?? 0
            if type == "tokenization_and_pay", let items = body["items"]?.array, items.count != 1 || items[0]["id"]?.string != "default" {
                errors.fail("/items", "items", "invalid_param", "must hold exactly one item, with id \"default\"")
            }
        }

        // Charge intent: manual capture is a pre-authorization, with its own rules.
        let intent = body["charge_intent"]
        let capture = intent?["capture"]?.string ?? "automatic"
        if let value = intent?["capture"], value.string == nil || !["automatic", "manual"].contains(capture) {
            errors.fail("/charge_intent/capture", "capture", "invalid_param", "must be automatic or manual")
        }
        if let mode = intent?["mode"], !(mode.string.map(modes.contains) ?? false) {
            errors.fail("/charge_intent/mode", "mode", "invalid_param", "must be one of \(modes.joined(separator: ", "))")
        }
        if ["tokenization_and_pay", "recurring"].contains(type), intent?["mode"] == nil {
            errors.fail("/charge_intent/mode", "mode", "missing_param", "is required")
        }
        if capture == "manual" {
            // Both real pre-authorization integrations send one_off; seed 003 documents
            // tokenization_and_pay (real-api-evidence.md §2 row 1).
            if !preauthorizationTypes.contains(type) {
                errors.fail("/charge_intent/capture", "capture", "invalid_param", "manual capture (pre-authorization) needs type one_off or tokenization_and_pay")
            }
            switch intent?["authorization"]?.string {
            case "preauth"?, "final"?: break
            case nil: errors.fail("/charge_intent/authorization", "authorization", "missing_param", "is required for manual capture")
            default: errors.fail("/charge_intent/authorization", "authorization", "invalid_param", "must be preauth or final")
            }
            if body["schema"]?.string != "cards" {
                errors.fail("/schema", "schema", "invalid_param", "must be cards: only card payments can be pre-authorized")
            }
            // Same-currency is judged on the card the payer actually pays with, when the
            // form is sent: a pre-filled payor is editable, and only ever a warning (seed 003).
        }
        if let schema = body["schema"], schema.string != "cards" {
            errors.fail("/schema", "schema", "invalid_param", "must be cards: the sandbox's form takes cards")
        }

        // Form options.
        let form = body["options"]?["form"]
        if let button = form?["action_button"] {
            if let text = button.string {
                if text.isEmpty || text.count > 50 { errors.fail("/options/form/action_button", "action_button", "invalid_param", "must be save, next, pay, or a label of at most 50 characters") }
            } else { errors.fail("/options/form/action_button", "action_button", "invalid_param", "must be a string") }
        }
        if let locale = form?["locale"], !(locale.string.map(locales.contains) ?? false) {
            errors.fail("/options/form/locale", "locale", "invalid_param", "must be one of \(locales.joined(separator: ", "))")
        }
        if let origins = form?["allowed_origins"] {
            // An empty list would read as "nobody" but post to every page: it is refused (I5).
            let valid = origins.array.map { !$0.isEmpty } == true && origins.array?.allSatisfy { origin in
                origin.string.map { ($0.hasPrefix("https://") || $0.hasPrefix("http://")) && !$0.dropFirst(8).contains("/") } ?? false
            } == true
            if !valid { errors.fail("/options/form/allowed_origins", "allowed_origins", "invalid_param", "must be a non-empty array of origins, like [\"https://shop.example\"]") }
        }
        if let logo = form?["show_flywire_logo"], case .bool = logo {} else if form?["show_flywire_logo"] != nil {
            errors.fail("/options/form/show_flywire_logo", "show_flywire_logo", "invalid_param", "must be true or false")
        }

        CommonRules.externalReference(body["external_reference"], maximum: externalReferenceLength, errors: &errors)
        if let payor = body["payor_id"], payor != .null, !(payor.string.map { !$0.isEmpty && !$0.contains(" ") } ?? false) {
            errors.fail("/payor_id", "payor_id", "invalid_param", "must be a string without spaces")
        }
        CommonRules.notificationsURL(body["notifications_url"], errors: &errors)
        CommonRules.recipientFields(body["recipient"]?["fields"], of: recipient, onlyKnown: false, errors: &errors)
        try errors.check()
        return ValidatedSession(type: type, recipient: recipient, amount: total, warnings: warnings(body["payor"]),
                                body: body, orderID: nil)
    }

    /// Sessions take external references of at most 50 characters (seed 003).
    static let externalReferenceLength = 50

    /// The recipient a session names by `recipient_id`, or the 422 a client should see.
    static func recipient(of body: JSON, lookup: (String) -> RecipientRecord?) throws -> RecipientRecord {
        guard let recipientID = body["recipient_id"]?.string else {
            throw Problem.invalid(source: "/recipient_id", param: "recipient_id", type: "missing_param", "is required")
        }
        guard recipientID.count <= 64, let recipient = lookup(recipientID) else {
            throw Problem.invalid(source: "/recipient_id", param: "recipient_id", "is invalid")
        }
        return recipient
    }

    /// A session body that names an `order_id` [S]: the order must be the client's, still
    /// open, and of the session's recipient; what the body leaves out is taken from it.
    static func validate(_ body: JSON, recipient: RecipientRecord, order: (OrderRecord, PaymentRecord?)?) throws -> ValidatedSession {
        guard let (order, payment) = order else {
            throw Problem.invalid(source: "/order_id", param: "order_id", "is not an order of this client")
        }
        guard order.status == .open else {
            throw Problem.invalid(source: "/order_id", param: "order_id", type: "invalid_status",
                                  "has already been charged as payment \(payment?.id ?? "?")")
        }
        guard order.recipientID == recipient.id else {
            throw Problem.invalid(source: "/order_id", param: "order_id", "is an order of \(order.recipientID), not of \(recipient.id)")
        }
        // The session charges what the order holds: other items or recipient fields would
        // charge another amount and still mark the order charged (finding M2).
        var errors = RuleErrors()
        if let items = body["items"], items != order.body["items"] {
            errors.fail("/items", "items", "invalid_param", "must be left out, or be the order's items: the session charges the order")
        }
        if let fields = body["recipient"]?["fields"], fields != order.body["recipient"]?["fields"] {
            errors.fail("/recipient/fields", "fields", "invalid_param", "must be left out, or be the order's fields")
        }
        CommonRules.externalReference(body["external_reference"], maximum: externalReferenceLength, errors: &errors)
        try errors.check()
        // The order's own reference may be longer than a session's (255 against 50, finding
        // L7): it is checked by the order's rules and taken as it is.
        let inherited = body["external_reference"] == nil ? order.body["external_reference"] : nil
        var filled = filling(body, from: order.body)
        if inherited != nil { filled = filled.removing("external_reference") }
        var validated = try validate(filled, recipient: recipient)
        if let inherited { validated.body = validated.body.setting("external_reference", inherited) }
        validated.orderID = order.id
        return validated
    }

    /// Whether `id` has the shape of a session id (a UUID).
    static func isSessionID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 36 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            [8, 13, 18, 23].contains(index) ? byte == UInt8(ascii: "-")
                : (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        }
    }

    /// The order id a session body names, if any (nil for none; "" when it is not a usable id).
    static func orderID(of body: JSON) -> String? {
        guard let given = body["order_id"], given != .null else { return nil }
        guard let id = given.string, id.count <= 64 else { return "" }
        return id
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

