/// Reads an error answer: RFC 7807 problem details as Flywire sends them
/// (`{"type","title","status","detail","errors":[{"source","param","type","message"}]}`),
/// tolerating `"status"` as a string and bodies that are not JSON at all.
enum Problem {
    static func error(from response: HTTPResponse, idempotencyKey: String?) -> FWPayError {
        let problem = try? JSONValue(parsing: response.body)
        let errors = problem?["errors"]?.arrayValue ?? []
        var summary = "HTTP \(response.status)"
        if let title = problem?["title"]?.stringValue, !title.isEmpty { summary += " \(title)" }
        if let detail = problem?["detail"]?.stringValue, !detail.isEmpty { summary += ": \(detail)" }
        if problem == nil { summary += " (the body is not JSON)" }
        if response.status == 404, errors.isEmpty, saysNothingMore(problem) {
            // A bare 404 is what a wrong base path gets; a missing resource is named.
            summary += " (a bare 404, as a wrong base path gets: check the base URL, which ends in /payments/v1)"
        }
        let described = errors.prefix(5).compactMap(describe)
        if !described.isEmpty { summary += ": " + described.joined(separator: "; ") }
        if errors.count > 5 { summary += "; and \(errors.count - 5) more" }
        return FWPayError(kind(for: response.status), summary, httpStatus: response.status,
                          requestID: response.requestID, idempotencyKey: idempotencyKey, errors: errors)
    }

    static func kind(for status: Int) -> FWPayError.Kind {
        switch status {
        case 400, 422: .invalidRequest
        case 401: .authentication
        case 404: .notFound
        case 429: .rateLimited
        case 500...599: .server
        default: .http
        }
    }

    /// Whether a problem says no more than its status: no body, or a detail that only repeats
    /// "Not Found".
    private static func saysNothingMore(_ problem: JSONValue?) -> Bool {
        guard let detail = problem?["detail"]?.stringValue, !detail.isEmpty else { return true }
        return detail.lowercased() == "not found" || detail == problem?["title"]?.stringValue
    }

    /// "/recipient/id cannot be updated" from one `errors[]` entry.
    private static func describe(_ entry: JSONValue) -> String? {
        let message = entry["message"]?.stringValue
        let source = entry["source"]?.stringValue ?? entry["param"]?.stringValue
        switch (source, message) {
        case let (source?, message?): return "\(source) \(message)"
        case let (nil, message?): return message
        case let (source?, nil): return source
        default: return nil
        }
    }
}
