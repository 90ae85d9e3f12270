/// An order body that passed every rule, with what the store needs from it.
struct ValidatedOrder: Sendable {
    var recipient: RecipientRecord
    var payerCountry: String
    /// The body to store: what the client sent (recipient id included).
    var document: JSON
}

/// The rules the server enforces on an order (seed 002, flywire-api.md §3). Every broken rule
/// becomes one entry of the 422's `errors`, so a client sees all of its mistakes at once.
enum OrderRules {
    /// Checks a whole order body for `recipient`. `title` is the problem's title: seed 002
    /// shows "Bad Request" for creation and "Unprocessable entity" for edits.
    static func validate(_ body: JSON, recipient: RecipientRecord, title: String) throws -> ValidatedOrder {
        var errors = RuleErrors()

        // Payer: the country decides the offer's currency.
        var payerCountry = ""
        switch body["payer"] {
        case nil, .null?: errors.fail("/payer", "payer", "missing_param", "is required")
        case .object?:
            switch body["payer"]?["country"] {
            case .string(let country)?:
                if Currency.of(country: country) == nil {
                    errors.fail("/payer/country", "country", "invalid_param", "is not a supported country")
                } else { payerCountry = country }
            case nil, .null?: errors.fail("/payer/country", "country", "missing_param", "is required")
            case let other?: errors.fail("/payer/country", "country", "invalid_param", "must be a string, not \(other.typeName)")
            }
        case let other?: errors.fail("/payer", "payer", "invalid_param", "must be an object, not \(other.typeName)")
        }

        _ = CommonRules.itemsTotal(body["items"], recipient: recipient, limitSource: "/recipient/items", errors: &errors)

        // Offer: one the sandbox made, for the payer's country, with its extra fields.
        switch body["offer"]?["id"] {
        case .string(let id)?:
            if let offer = Offer(id: id), payerCountry.isEmpty || offer.country == payerCountry {
                let given = CommonRules.fieldValues(body["offer"]?["fields"])
                for field in offer.requiredFields where (given[field] ?? "").isEmpty {
                    errors.fail("/offer/fields/\(field)", field, "missing_param", "is required")
                }
            } else {
                errors.fail("/offer/id", "id", "invalid_param", "is invalid")
            }
        case nil, .null?: errors.fail("/offer/id", "id", "missing_param", "is required")
        case let other?: errors.fail("/offer/id", "id", "invalid_param", "must be a string, not \(other.typeName)")
        }

        CommonRules.recipientFields(body["recipient"]?["fields"], of: recipient, onlyKnown: true, errors: &errors)
        CommonRules.metadata(body["metadata"], errors: &errors)
        CommonRules.notificationsURL(body["notifications_url"], errors: &errors)
        CommonRules.externalReference(body["external_reference"], maximum: externalReferenceLength, errors: &errors)
        try errors.check(title: title)
        return ValidatedOrder(recipient: recipient, payerCountry: payerCountry, document: body)
    }

    /// Orders take longer external references than sessions (seed 002 vs seed 003).
    static let externalReferenceLength = 255

    /// The recipient a new order names by `recipient.id`, or the 422 a client should see.
    static func recipient(of body: JSON, title: String, lookup: (String) -> RecipientRecord?) throws -> RecipientRecord {
        switch body["recipient"]?["id"] {
        case .string(let id)?:
            guard id.count <= 64, let recipient = lookup(id) else {
                throw Problem.invalid(source: "/recipient/id", param: "id", "is invalid", title: title)
            }
            return recipient
        case nil, .null?:
            throw Problem.invalid(source: "/recipient/id", param: "id", type: "missing_param", "is required", title: title)
        case let other?:
            throw Problem.invalid(source: "/recipient/id", param: "id", "must be a string, not \(other.typeName)", title: title)
        }
    }

    /// An edit may change everything but the recipient, which is refused even when it
    /// matches the order's (seed 002).
    static func checkEdit(_ changes: JSON) throws {
        if changes["recipient"]?["id"] != nil {
            throw Problem.invalid(source: "/recipient/id", param: "id", "cannot be updated")
        }
    }

    /// The edit `changes` applied to `order`: top-level members replace the stored ones;
    /// `recipient` replaces the fields only, since the recipient id cannot change.
    static func merge(_ changes: JSON, into order: JSON) -> JSON {
        var merged = order
        for (key, value) in changes.members ?? [] {
            if key == "recipient" {
                let recipient = (order["recipient"] ?? .object([])).setting("fields", value["fields"] ?? .array([]))
                merged = merged.setting("recipient", recipient)
            } else {
                merged = merged.setting(key, value)
            }
        }
        return merged
    }
}
