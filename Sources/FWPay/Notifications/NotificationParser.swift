import COpenSSL

/// Reads a notification body into one shape, whichever format it came in, and never fails a
/// notification over one member (real-api-evidence.md §2, rows 10-12):
///
/// - the v2 envelope (flywire-api.md §5): `{"event_type", "event_date", "event_resource",
///   "data": {...}}`, amounts as strings of subunits; when `data.status` is missing the event
///   type is the status;
/// - the classic (v1) callback: `{"id", "callback_id", "status", "amount"}` with the amount in
///   major units as a decimal string ("1500.00"), converted to subunits by the currency's
///   exponent when the body names a currency, else kept as text with a null amount.
///
/// The result: `{"format", "resource", "event_type", "event_date", "id", "payment_id",
/// "status", "external_reference", "amount_from", "currency_from", "amount_to", "currency_to",
/// "amount", "currency", "amount_text", "dedup_key", "data"}`; members the body lacks are
/// null, and every member of the body is kept in `data` (with the envelope's other members in
/// `envelope`). Flywire signs no timestamp, so receivers deduplicate on `dedup_key`: the
/// resource, id, event and a digest of the raw body, the same for every delivery of one event
/// (a retry sends the same bytes) and different for two events.
public enum NotificationParser {
    public static func parse(_ body: [UInt8]) throws(FWPayError) -> JSONValue {
        let document: JSONValue
        do throws(FWPayError) { document = try JSONValue(parsing: body) } catch {
            throw FWPayError(.invalidJSON, "the notification is not JSON: \(error.message)")
        }
        guard case .object(let top) = document else {
            throw FWPayError(.badResponse, "the notification must be a JSON object, not \(document.typeName)")
        }
        let format: String
        let data: JSONObject
        if case .object(let inner)? = top["data"] {
            format = "v2"
            data = inner
        } else {
            format = "classic"
            data = top
        }
        let resource = top["event_resource"]?.stringValue ?? (data["refund_id"] != nil ? "refunds" : "payments")
        let id = (resource == "refunds" ? data["refund_id"]?.stringValue : nil)
            ?? data["payment_id"]?.stringValue ?? data["id"]?.stringValue
        let status = data["status"]?.stringValue ?? top["event_type"]?.stringValue
        let event = top["event_type"]?.stringValue ?? status

        var result = JSONObject()
        result["format"] = .string(format)
        result["resource"] = .string(resource)
        result["event_type"] = event.map(JSONValue.string) ?? .null
        result["event_date"] = top["event_date"]?.stringValue.map(JSONValue.string) ?? data["event_date"] ?? .null
        result["id"] = id.map(JSONValue.string) ?? .null
        result["payment_id"] = data["payment_id"] ?? (resource != "refunds" ? id.map(JSONValue.string) ?? .null : .null)
        result["status"] = status.map(JSONValue.string) ?? .null
        result["external_reference"] = data["external_reference"] ?? .null
        for field in ["currency_from", "currency_to", "currency"] {
            result[field] = data[field] ?? .null
        }
        var unreadable: String?
        for (field, currency) in [("amount_from", "currency_from"), ("amount_to", "currency_to"), ("amount", "currency")] {
            let parsed = format == "classic" && field == "amount"
                ? Amount.majorUnits(data[field], currency: data[currency]?.stringValue)
                : Amount.subunits(data[field])
            result[field] = parsed.value.map(JSONValue.integer) ?? .null
            if parsed.value == nil, unreadable == nil { unreadable = parsed.text }
        }
        result["amount_text"] = unreadable.map(JSONValue.string) ?? .null
        result["dedup_key"] = .string("\(resource):\(id ?? ""):\(event ?? ""):\(digest(body))")
        result["data"] = .object(data)
        if format == "v2" {
            var envelope = JSONObject()
            for (key, value) in top.members where key != "data" { envelope[key] = value }
            result["envelope"] = .object(envelope)
        }
        return .object(result)
    }

    /// The first 16 bytes of SHA-256 of the body, in hex.
    private static func digest(_ body: [UInt8]) -> String {
        var hash = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(body, body.count, &hash)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in hash.prefix(16) { text += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Amounts as notifications carry them.
enum Amount {
    /// Subunits given as an integer, a whole number, or a string of digits ("30000"); nil with
    /// the text kept when it is none of those.
    static func subunits(_ value: JSONValue?) -> (value: Int64?, text: String?) {
        switch value {
        case nil, .null?: return (nil, nil)
        case .integer(let number)?: return (number, nil)
        case .real(let number)?:
            guard number.rounded() == number, abs(number) < 9e15 else { return (nil, "\(number)") }
            return (Int64(number), nil)
        case .string(let text)?:
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(text) else { return (nil, text) }
            return (number, nil)
        default: return (nil, nil)
        }
    }

    /// Major units ("1500.00", 1500, 1500.5) in subunits of `currency`; nil with the text kept
    /// when the currency is unknown or the amount has more decimals than the currency.
    static func majorUnits(_ value: JSONValue?, currency: String?) -> (value: Int64?, text: String?) {
        let text: String
        switch value {
        case nil, .null?: return (nil, nil)
        case .integer(let number)?: text = String(number)
        case .real(let number)?: text = "\(number)"
        case .string(let given)?: text = given.trimmingSpaces
        default: return (nil, nil)
        }
        guard let currency, let exponent = exponent(of: currency) else { return (nil, text) }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return (nil, text)
        }
        // Trailing zeros beyond the exponent are fine ("1500.000" USD); other digits are not.
        let significant = fraction.reversed().drop(while: { $0 == "0" }).count
        guard significant <= exponent else { return (nil, text) }
        let padded = String(fraction.prefix(exponent)) + String(repeating: "0", count: max(0, exponent - fraction.count))
        guard let number = Int64(String(whole) + padded) else { return (nil, text) }
        return (negative ? -number : number, nil)
    }

    /// Decimal places of a currency: ISO 4217, except VND, which Flywire counts in tenths
    /// (flywire-api.md §1). Nil for a code that is not three letters.
    static func exponent(of code: String) -> Int? {
        let upper = String(code.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }.map { Character(UnicodeScalar($0)) })
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        switch upper {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VUV", "XAF", "XOF", "XPF": return 0
        case "VND": return 1
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": return 3
        case "CLF", "UYW": return 4
        default: return 2
        }
    }
}

private extension String {
    var trimmingSpaces: String {
        String(String(self.drop(while: { $0 == " " }).reversed()).drop(while: { $0 == " " }).reversed())
    }
}
