/// The broken rules of one request body, collected so that a client sees all of its
/// mistakes at once (each becomes one entry of the 422's `errors`).
struct RuleErrors {
    private(set) var entries: [Problem.Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func fail(_ source: String, _ param: String, _ type: String = "invalid_param", _ message: String) {
        entries.append(Problem.Entry(source: source, param: param, type: type, message: message))
    }

    /// Throws the 422 when a rule was broken; `title` is the problem's title (seed 002 shows
    /// "Bad Request" for order creation, "Unprocessable entity" elsewhere).
    func check(title: String = "Unprocessable entity") throws {
        guard entries.isEmpty else { throw Problem.invalid(entries, title: title) }
    }
}
