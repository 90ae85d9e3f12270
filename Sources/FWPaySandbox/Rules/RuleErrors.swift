/// The broken rules of one request body, collected so that a client sees all of its
/// mistakes at once (each becomes one entry of the 422's `errors`).
struct RuleErrors {
    private(set) var entries: [Problem.Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// At most this many entries are kept, then one that counts the rest: a 1 MiB body of bad
    /// items once gave a 53 MB answer (finding L5).
    static let maximumEntries = 50
    private var more = 0

    mutating func fail(_ source: String, _ param: String, _ type: String = "invalid_param", _ message: String) {
        guard entries.count < Self.maximumEntries else { more += 1; return }
        entries.append(Problem.Entry(source: source, param: param, type: type, message: message))
    }

    /// Throws the 422 when a rule was broken; `title` is the problem's title (seed 002 shows
    /// "Bad Request" for order creation, "Unprocessable entity" elsewhere).
    func check(title: String = "Unprocessable entity") throws {
        guard entries.isEmpty else {
            let all = more == 0 ? entries
                : entries + [Problem.Entry(source: "/", param: "", type: "invalid_param", message: "and \(more) more errors")]
            throw Problem.invalid(all, title: title)
        }
    }
}
