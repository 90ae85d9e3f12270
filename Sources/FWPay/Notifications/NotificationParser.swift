/// Reads a notification body into one shape, whichever format it came in:
///
/// - the v2 envelope (flywire-api.md §5): `{"event_type", "event_date", "event_resource",
///   "data": {...}}`;
/// - the classic format [S]: the data fields at the top level (`payment_id` or `id`,
///   `status`, amounts, `external_reference`), as older callbacks send them.
///
/// The result: `{"format", "resource", "event_type", "event_date", "id", "payment_id",
/// "status", "external_reference", "amount_from", "currency_from", "amount_to", "currency_to",
/// "amount", "currency", "dedup_key", "data"}`; amounts are integers even when sent as strings,
/// missing members are null. Flywire's notifications carry no timestamp in a signed header, so
/// receivers must deduplicate: `dedup_key` (resource, id and event) is the same for every
/// delivery of one event.
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
        var resource = top["event_resource"]?.stringValue
        if case .object(let inner)? = top["data"] {
            format = "v2"
            data = inner
        } else {
            format = "classic"
            data = top
        }
        if resource == nil { resource = data["refund_id"] != nil ? "refunds" : "payments" }
        let id = (resource == "refunds" ? data["refund_id"] : nil)?.stringValue
            ?? data["payment_id"]?.stringValue ?? data["id"]?.stringValue
        guard let id, !id.isEmpty else {
            throw FWPayError(.badResponse, "the notification names no payment_id, refund_id or id")
        }
        let status = data["status"]?.stringValue ?? top["event_type"]?.stringValue
        let event = top["event_type"]?.stringValue ?? status
        guard let event else { throw FWPayError(.badResponse, "the notification has no event_type or status") }

        var result = JSONObject()
        result["format"] = .string(format)
        result["resource"] = .string(resource ?? "payments")
        result["event_type"] = .string(event)
        result["event_date"] = top["event_date"]?.stringValue.map(JSONValue.string) ?? data["event_date"] ?? .null
        result["id"] = .string(id)
        result["payment_id"] = data["payment_id"] ?? (resource == "payments" ? .string(id) : .null)
        result["status"] = status.map(JSONValue.string) ?? .null
        result["external_reference"] = data["external_reference"] ?? .null
        for field in ["amount_from", "amount_to", "amount"] {
            result[field] = try amount(data[field], field: field)
        }
        for field in ["currency_from", "currency_to", "currency"] {
            result[field] = data[field] ?? .null
        }
        result["dedup_key"] = .string("\(resource ?? "payments"):\(id):\(event)")
        result["data"] = .object(data)
        return .object(result)
    }

    /// An amount in subunits: an integer, or a string of digits ("30000").
    private static func amount(_ value: JSONValue?, field: String) throws(FWPayError) -> JSONValue {
        switch value {
        case nil, .null?: return .null
        case .integer?: return value!
        case .string(let text)?:
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(text) else {
                throw FWPayError(.badResponse, "\(field) \"\(text)\" is not a whole number of subunits")
            }
            return .integer(number)
        case let other?:
            throw FWPayError(.badResponse, "\(field) must be an integer or a string of digits, not \(other.typeName)")
        }
    }
}
