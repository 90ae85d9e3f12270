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
        var errors: [Problem.Entry] = []
        func fail(_ source: String, _ param: String, _ type: String = "invalid_param", _ message: String) {
            errors.append(Problem.Entry(source: source, param: param, type: type, message: message))
        }

        // Payer: the country decides the offer's currency.
        var payerCountry = ""
        switch body["payer"] {
        case nil, .null?: fail("/payer", "payer", "missing_param", "is required")
        case .object?:
            switch body["payer"]?["country"] {
            case .string(let country)?:
                if Currency.of(country: country) == nil {
                    fail("/payer/country", "country", "invalid_param", "is not a supported country")
                } else { payerCountry = country }
            case nil, .null?: fail("/payer/country", "country", "missing_param", "is required")
            case let other?: fail("/payer/country", "country", "invalid_param", "must be a string, not \(other.typeName)")
            }
        case let other?: fail("/payer", "payer", "invalid_param", "must be an object, not \(other.typeName)")
        }

        // Items: positive integer amounts whose total is within the recipient's limits.
        var total: Int64 = 0
        var amountsValid = true
        if let items = body["items"]?.array, !items.isEmpty {
            for (index, item) in items.enumerated() {
                switch item["amount"] {
                case .integer(let amount)? where amount > 0:
                    let (sum, overflow) = total.addingReportingOverflow(amount)
                    if overflow { amountsValid = false; fail("/items/\(index)/amount", "amount", "invalid_param", "is too large") }
                    else { total = sum }
                case nil:
                    amountsValid = false
                    fail("/items/\(index)/amount", "amount", "missing_param", "is required")
                default:
                    amountsValid = false
                    fail("/items/\(index)/amount", "amount", "invalid_param", "must be a positive integer number of subunits")
                }
            }
            if amountsValid {
                let currency = recipient.billingCurrency
                if total < recipient.minimumAmount {
                    fail("/recipient/items", "items", "invalid_param", "Amount must be greater than \(currency.format(recipient.minimumAmount))")
                } else if total > recipient.maximumAmount {
                    fail("/recipient/items", "items", "invalid_param", "Amount must be less than \(currency.format(recipient.maximumAmount))")
                }
            }
        } else if body["items"] == nil {
            fail("/items", "items", "missing_param", "is required")
        } else {
            fail("/items", "items", "invalid_param", "must be a non-empty array")
        }

        // Offer: one the sandbox made, for the payer's country, with its extra fields.
        switch body["offer"]?["id"] {
        case .string(let id)?:
            if let offer = Offer(id: id), payerCountry.isEmpty || offer.country == payerCountry {
                let given = fieldValues(body["offer"]?["fields"])
                for field in offer.requiredFields where (given[field] ?? "").isEmpty {
                    fail("/offer/fields/\(field)", field, "missing_param", "is required")
                }
            } else {
                fail("/offer/id", "id", "invalid_param", "is invalid")
            }
        case nil, .null?: fail("/offer/id", "id", "missing_param", "is required")
        case let other?: fail("/offer/id", "id", "invalid_param", "must be a string, not \(other.typeName)")
        }

        // Recipient fields: every required one present, no unknown ones.
        let given = fieldValues(body["recipient"]?["fields"])
        let known = recipient.fieldList
        for field in known where field.required && (given[field.id] ?? "").isEmpty {
            fail("/recipient/fields/\(field.id)", field.id, "missing_param", "is required")
        }
        for id in given.keys.sorted() where !known.contains(where: { $0.id == id }) {
            fail("/recipient/fields/\(id)", id, "invalid_param", "is not a field of recipient \(recipient.id)")
        }

        errors += metadataErrors(body["metadata"])

        if let url = body["notifications_url"], url != .null {
            if !(url.string.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false) {
                fail("/notifications_url", "notifications_url", "invalid_param", "must be an http or https URL")
            }
        }
        if let reference = body["external_reference"], reference != .null {
            if let text = reference.string {
                if text.count > 255 { fail("/external_reference", "external_reference", "invalid_param", "is longer than 255 characters") }
            } else {
                fail("/external_reference", "external_reference", "invalid_param", "must be a string, not \(reference.typeName)")
            }
        }

        guard errors.isEmpty else { throw Problem.invalid(errors, title: title) }
        return ValidatedOrder(recipient: recipient, payerCountry: payerCountry, document: body)
    }

    /// Metadata: at most 20 pairs, keys at most 40 characters, values strings of at most 500.
    static func metadataErrors(_ metadata: JSON?) -> [Problem.Entry] {
        guard let metadata, metadata != .null else { return [] }
        guard let pairs = metadata.members else {
            return [Problem.Entry(source: "/metadata", param: "metadata", type: "invalid_param",
                                  message: "must be an object, not \(metadata.typeName)")]
        }
        var errors: [Problem.Entry] = []
        if pairs.count > 20 {
            errors.append(Problem.Entry(source: "/metadata", param: "metadata", type: "invalid_param",
                                        message: "must have at most 20 pairs (has \(pairs.count))"))
        }
        for (key, value) in pairs {
            let keyLength = key.unicodeScalars.count
            if keyLength > 40 {
                errors.append(Problem.Entry(source: "/metadata", param: "metadata", type: "invalid_param",
                                            message: "key \"\(String(key.prefix(40)))...\" is \(keyLength) characters long; keys are at most 40"))
            } else if let text = value.string {
                let length = text.unicodeScalars.count
                if length > 500 {
                    errors.append(Problem.Entry(source: "/metadata/\(key)", param: key, type: "invalid_param",
                                                message: "is \(length) characters long; values are at most 500"))
                }
            } else {
                errors.append(Problem.Entry(source: "/metadata/\(key)", param: key, type: "invalid_param",
                                            message: "must be a string, not \(value.typeName)"))
            }
        }
        return errors
    }

    /// `[{"id","value"}]` (or, as one of Flywire's examples writes it, a single object) as a map.
    static func fieldValues(_ fields: JSON?) -> [String: String] {
        var values: [String: String] = [:]
        let list: [JSON] = fields?.array ?? (fields?.members != nil ? [fields!] : [])
        for field in list {
            guard let id = field["id"]?.string else { continue }
            switch field["value"] {
            case .string(let text)?: values[id] = text
            case .integer(let number)?: values[id] = String(number)
            default: values[id] = ""
            }
        }
        return values
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
