import CFWPay

/// Local checks of request values, run before anything is sent. Each failure names the
/// field and uses the server's error shape (see `FWPayError.invalidParameter`).
enum Check {
    /// A path segment the caller supplied (an order UUID, a recipient id, a payment reference):
    /// 1 to 64 characters from [A-Za-z0-9_-], so that it cannot change the path it is put in.
    static func identifier(_ value: String, field: String) throws(FWPayError) {
        guard !value.isEmpty else { throw FWPayError(.invalidArgument, "\(field) must not be empty") }
        guard value.utf8.count <= FWP_IDENTIFIER_MAX else {
            throw FWPayError(.invalidArgument, "\(field) is \(value.utf8.count) bytes long; identifiers are at most \(FWP_IDENTIFIER_MAX)")
        }
        guard value.utf8.allSatisfy(isIdentifierByte) else {
            throw FWPayError(.invalidArgument, "\(field) \"\(value)\" may only contain letters, digits, '-' and '_'")
        }
    }

    /// A request body: it must be a JSON object.
    static func object(_ value: JSONValue, field: String) throws(FWPayError) -> JSONObject {
        guard case .object(let object) = value else {
            throw FWPayError(.invalidArgument, "\(field) must be a JSON object, not \(value.typeName)")
        }
        return object
    }

    /// `metadata`: an object of at most 20 pairs, keys at most 40 and values at most 500
    /// characters (seed 002).
    static func metadata(_ value: JSONValue?) throws(FWPayError) {
        guard let value, value != .null else { return }
        guard case .object(let pairs) = value else {
            throw .invalidParameter(source: "/metadata", param: "metadata", "must be an object, not \(value.typeName)")
        }
        guard pairs.count <= 20 else {
            throw .invalidParameter(source: "/metadata", param: "metadata", "must have at most 20 pairs (has \(pairs.count))")
        }
        for (key, entry) in pairs.members {
            let keyLength = key.unicodeScalars.count
            guard keyLength <= 40 else {
                throw .invalidParameter(source: "/metadata", param: "metadata",
                                        "key \"\(String(key.prefix(40)))...\" is \(keyLength) characters long; keys are at most 40")
            }
            guard case .string(let text) = entry else {
                throw .invalidParameter(source: "/metadata/\(key)", param: key, "must be a string, not \(entry.typeName)")
            }
            let valueLength = text.unicodeScalars.count
            guard valueLength <= 500 else {
                throw .invalidParameter(source: "/metadata/\(key)", param: key,
                                        "is \(valueLength) characters long; values are at most 500")
            }
        }
    }

    /// `items`, when given: an array of objects whose `amount`, when given, is an amount.
    /// Whether items are required, how many, and their totals are the server's to judge.
    static func items(_ value: JSONValue?) throws(FWPayError) {
        guard let value, value != .null else { return }
        guard case .array(let items) = value else {
            throw .invalidParameter(source: "/items", param: "items", "must be an array, not \(value.typeName)")
        }
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                throw .invalidParameter(source: "/items/\(index)", param: "items", "must be an object, not \(item.typeName)")
            }
            if let amount = fields["amount"] { try self.amount(amount, source: "/items/\(index)/amount", param: "amount") }
        }
    }

    /// An amount: a positive whole number of currency subunits (USD 120.25 is 12025). A whole
    /// number written as a JSON float (33000.0, as one real integration sends) is an amount; a
    /// fraction, a string or another type is not.
    static func amount(_ value: JSONValue, source: String, param: String) throws(FWPayError) {
        switch value {
        case .integer(let amount):
            guard amount > 0 else {
                throw .invalidParameter(source: source, param: param, "must be a positive integer number of subunits (got \(amount))")
            }
        case .real(let amount):
            guard amount.isFinite, amount.rounded() == amount else {
                throw .invalidParameter(source: source, param: param, "must be a whole number of subunits (got \(amount))")
            }
            guard amount > 0 else {
                throw .invalidParameter(source: source, param: param, "must be a positive integer number of subunits (got \(amount))")
            }
        default:
            throw .invalidParameter(source: source, param: param, "must be a positive integer number of subunits, not \(value.typeName)")
        }
    }

    /// An optional text member of at most `maximum` characters (a documented limit).
    static func text(_ value: JSONValue?, source: String, param: String, maximum: Int) throws(FWPayError) {
        guard let value, value != .null else { return }
        guard case .string(let text) = value else {
            throw .invalidParameter(source: source, param: param, "must be a string, not \(value.typeName)")
        }
        guard text.unicodeScalars.count <= maximum else {
            throw .invalidParameter(source: source, param: param, "is \(text.unicodeScalars.count) characters long; the limit is \(maximum)")
        }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F
    }
}
