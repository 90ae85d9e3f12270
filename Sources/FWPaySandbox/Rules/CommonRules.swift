/// Rules that several request bodies share, each written once: amounts, items, references,
/// notification URLs, metadata and recipient fields.
enum CommonRules {
    /// A positive whole amount of subunits (items, captures, adjustments, refunds), written
    /// as an integer or as a whole real (33000.0).
    static func amount(_ value: JSON?, source: String = "/amount", param: String = "amount", errors: inout RuleErrors) -> Int64? {
        guard let value else {
            errors.fail(source, param, "missing_param", "is required")
            return nil
        }
        guard let amount = value.wholeNumber, amount > 0 else {
            errors.fail(source, param, "invalid_param", "must be a positive integer number of subunits")
            return nil
        }
        return amount
    }

    /// The total of `items`, in the recipient's subunits: every amount a positive integer,
    /// the sum without overflow, and within the recipient's limits (reported at
    /// `limitSource`: seed 002 names "/recipient/items" for orders). Nil when a rule broke.
    static func itemsTotal(_ items: JSON?, recipient: RecipientRecord, limitSource: String = "/items",
                           errors: inout RuleErrors) -> Int64? {
        guard let list = items?.array, !list.isEmpty else {
            if items == nil { errors.fail("/items", "items", "missing_param", "is required") }
            else { errors.fail("/items", "items", "invalid_param", "must be a non-empty array") }
            return nil
        }
        var total: Int64 = 0
        var valid = true
        for (index, item) in list.enumerated() {
            guard let amount = Self.amount(item["amount"], source: "/items/\(index)/amount", errors: &errors) else {
                valid = false
                continue
            }
            let (sum, overflow) = total.addingReportingOverflow(amount)
            if overflow {
                valid = false
                errors.fail("/items/\(index)/amount", "amount", "invalid_param", "is too large")
            } else {
                total = sum
            }
        }
        guard valid else { return nil }
        let currency = recipient.billingCurrency
        if total < recipient.minimumAmount {
            errors.fail(limitSource, "items", "invalid_param", "Amount must be greater than \(currency.format(recipient.minimumAmount))")
            return nil
        }
        if total > recipient.maximumAmount {
            errors.fail(limitSource, "items", "invalid_param", "Amount must be less than \(currency.format(recipient.maximumAmount))")
            return nil
        }
        return total
    }

    /// An optional `notifications_url`: an http or https URL.
    static func notificationsURL(_ value: JSON?, errors: inout RuleErrors) {
        guard let value, value != .null else { return }
        if !(value.string.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false) {
            errors.fail("/notifications_url", "notifications_url", "invalid_param", "must be an http or https URL")
        }
    }

    /// An optional `external_reference`: a string of at most `maximum` characters.
    static func externalReference(_ value: JSON?, maximum: Int, errors: inout RuleErrors) {
        guard let value, value != .null else { return }
        guard let text = value.string else {
            errors.fail("/external_reference", "external_reference", "invalid_param", "must be a string, not \(value.typeName)")
            return
        }
        if text.count > maximum {
            errors.fail("/external_reference", "external_reference", "invalid_param", "is longer than \(maximum) characters")
        }
    }

    /// Metadata (seed 002): at most 20 pairs, keys at most 40 characters, values strings of
    /// at most 500.
    static func metadata(_ metadata: JSON?, errors: inout RuleErrors) {
        guard let metadata, metadata != .null else { return }
        guard let pairs = metadata.members else {
            errors.fail("/metadata", "metadata", "invalid_param", "must be an object, not \(metadata.typeName)")
            return
        }
        if pairs.count > 20 {
            errors.fail("/metadata", "metadata", "invalid_param", "must have at most 20 pairs (has \(pairs.count))")
        }
        for (key, value) in pairs {
            let keyLength = key.unicodeScalars.count
            if keyLength > 40 {
                errors.fail("/metadata", "metadata", "invalid_param",
                            "key \"\(String(key.prefix(40)))...\" is \(keyLength) characters long; keys are at most 40")
            } else if let text = value.string {
                let length = text.unicodeScalars.count
                if length > 500 { errors.fail("/metadata/\(key)", key, "invalid_param", "is \(length) characters long; values are at most 500") }
            } else {
                errors.fail("/metadata/\(key)", key, "invalid_param", "must be a string, not \(value.typeName)")
            }
        }
    }

    /// The recipient's fields of a body: every required one present; with `onlyKnown`, no
    /// field the recipient does not have.
    static func recipientFields(_ fields: JSON?, of recipient: RecipientRecord, onlyKnown: Bool, errors: inout RuleErrors) {
        let given = fieldValues(fields)
        let known = recipient.fieldList
        for field in known where field.required && (given[field.id] ?? "").isEmpty {
            errors.fail("/recipient/fields/\(field.id)", field.id, "missing_param", "is required")
        }
        guard onlyKnown else { return }
        for id in given.keys.sorted() where !known.contains(where: { $0.id == id }) {
            errors.fail("/recipient/fields/\(id)", id, "invalid_param", "is not a field of recipient \(recipient.id)")
        }
    }

    /// `[{"id","value"}]` (or, as one of Flywire's examples writes it, a single object) as a map.
    static func fieldValues(_ fields: JSON?) -> [String: String] {
        var values: [String: String] = [:]
        let list: [JSON] = fields.map { $0.array ?? ($0.members != nil ? [$0] : []) } ?? []
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
}
