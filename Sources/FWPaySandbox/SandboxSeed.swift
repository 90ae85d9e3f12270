/// A seed file (`fwpay-sandbox --seed FILE`, sandbox-only): the recipients and API clients an
/// integrator models on their own portal, on top of the default five recipients (a seeded id
/// replaces the default of that id).
///
///     {"recipients": [{"id": "ACME", "name": "Acme University", "country": "US", "currency": "USD",
///                      "state": "CA", "min_amount": 1000, "max_amount": 10000000,
///                      "fields": [{"id": "student_id", "label": "Student ID", "required": true}]}],
///      "clients": [{"api_key": "acme-test-key", "shared_secret": "acme-secret",
///                   "notifications_url": "http://127.0.0.1:3000/flywire"}]}
public struct SandboxSeed: Sendable {
    public struct Recipient: Sendable {
        var record: RecipientRecord
    }

    /// What is wrong with a seed, naming the member (`recipients[0].currency: ...`).
    public struct Mistake: Error, CustomStringConvertible {
        public let description: String
    }

    public var recipients: [Recipient] = []
    public var clients: [SandboxConfiguration.APIClient] = []

    public init() {}

    public static func parse(_ text: String) throws -> SandboxSeed {
        let json: JSON
        do { json = try JSON.parse(text) } catch { throw Mistake(description: "not JSON: \(error)") }
        guard let members = json.members else { throw Mistake(description: "the seed must be a JSON object") }
        var seed = SandboxSeed()
        for (name, value) in members {
            switch name {
            case "recipients":
                guard let list = value.array, list.count <= 1_000 else { throw Mistake(description: "recipients: an array of at most 1000") }
                for (index, entry) in list.enumerated() { seed.recipients.append(try recipient(entry, at: "recipients[\(index)]")) }
            case "clients":
                guard let list = value.array, list.count <= 1_000 else { throw Mistake(description: "clients: an array of at most 1000") }
                for (index, entry) in list.enumerated() { seed.clients.append(try client(entry, at: "clients[\(index)]")) }
            default:
                throw Mistake(description: "\(name): not a member of a seed (recipients, clients)")
            }
        }
        let ids = seed.recipients.map(\.record.id)
        if Set(ids).count != ids.count { throw Mistake(description: "recipients: an id is given twice") }
        return seed
    }

    private static func text(_ value: JSON?, _ path: String, limit: Int, pattern: ((Unicode.Scalar) -> Bool)? = nil) throws -> String {
        guard let text = value?.string, !text.isEmpty, text.utf8.count <= limit,
              pattern.map({ text.unicodeScalars.allSatisfy($0) }) ?? true else {
            throw Mistake(description: "\(path): a string of 1 to \(limit) bytes\(pattern == nil ? "" : " of the allowed characters") is required")
        }
        return text
    }

    private static func recipient(_ entry: JSON, at path: String) throws -> Recipient {
        guard let members = entry.members else { throw Mistake(description: "\(path): an object is required") }
        let known: Set = ["id", "name", "country", "currency", "state", "external_code", "min_amount", "max_amount", "fields"]
        if let stray = members.first(where: { !known.contains($0.0) }) { throw Mistake(description: "\(path).\(stray.0): not a member of a recipient") }
        let idCharacters: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        let id = try text(entry["id"], "\(path).id", limit: 64, pattern: idCharacters)
        let name = try text(entry["name"], "\(path).name", limit: 200)
        let country = try text(entry["country"], "\(path).country", limit: 2, pattern: { ("A"..."Z").contains($0) })
        guard country.count == 2 else { throw Mistake(description: "\(path).country: two capital letters (ISO 3166 alpha-2)") }
        let currency = try text(entry["currency"], "\(path).currency", limit: 3)
        guard Currency.named(currency) != nil else {
            throw Mistake(description: "\(path).currency: one of \(Currency.all.map(\.code).joined(separator: ", "))")
        }
        func amount(_ name: String, default value: Int64) throws -> Int64 {
            guard let given = entry[name] else { return value }
            guard let number = given.integer else { throw Mistake(description: "\(path).\(name): a whole number of subunits") }
            return number
        }
        let minimum = try amount("min_amount", default: 100)
        let maximum = try amount("max_amount", default: 100_000_000)
        guard minimum > 0, maximum >= minimum else { throw Mistake(description: "\(path).min_amount, max_amount: 0 < min_amount <= max_amount (subunits)") }
        var fields: [JSON] = []
        for (index, field) in (entry["fields"]?.array ?? []).enumerated() {
            let fieldPath = "\(path).fields[\(index)]"
            let fieldID = try text(field["id"], "\(fieldPath).id", limit: 64)
            let label = field["label"] == nil ? fieldID : try text(field["label"], "\(fieldPath).label", limit: 200)
            guard field["required"] == nil || field["required"] == .bool(true) || field["required"] == .bool(false) else {
                throw Mistake(description: "\(fieldPath).required: true or false")
            }
            fields.append(.object([("id", .string(fieldID)), ("label", .string(label)), ("required", .bool(field["required"] == .bool(true)))]))
        }
        if entry["fields"] != nil, entry["fields"]?.array == nil { throw Mistake(description: "\(path).fields: an array is required") }
        let state = entry["state"] == nil ? nil : try text(entry["state"], "\(path).state", limit: 16)
        let code = entry["external_code"] == nil ? nil : try text(entry["external_code"], "\(path).external_code", limit: 200)
        return Recipient(record: RecipientRecord(id: id, name: name, country: country, currency: currency, minimumAmount: minimum,
                                                 maximumAmount: maximum, fields: JSON.array(fields).text, externalCode: code, state: state))
    }

    private static func client(_ entry: JSON, at path: String) throws -> SandboxConfiguration.APIClient {
        guard let members = entry.members else { throw Mistake(description: "\(path): an object is required") }
        let known: Set = ["api_key", "shared_secret", "notifications_url"]
        if let stray = members.first(where: { !known.contains($0.0) }) { throw Mistake(description: "\(path).\(stray.0): not a member of a client") }
        let printable: (Unicode.Scalar) -> Bool = { $0.value > 0x20 && $0.value < 0x7f }
        let key = try text(entry["api_key"], "\(path).api_key", limit: 256, pattern: printable)
        let secret = try text(entry["shared_secret"], "\(path).shared_secret", limit: 256, pattern: printable)
        let url = entry["notifications_url"] == nil ? nil : try text(entry["notifications_url"], "\(path).notifications_url", limit: 2_048)
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw Mistake(description: "\(path).notifications_url: an http:// or https:// URL")
        }
        return .init(id: SandboxConfiguration.APIClient.id(forKey: key), apiKey: key, sharedSecret: secret, notificationsURL: url)
    }
}
