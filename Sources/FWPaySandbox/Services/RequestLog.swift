import Synchronization

/// The last API requests of each client (sandbox-only: GET /sandbox/requests and the
/// dashboard's request page), so that the request id an error quotes can be looked up. Held in
/// memory and bounded: `capacity` requests per client, and clients are the configured ones.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var requestID: String
        var method: String
        var path: String
        var status: Int
        var idempotencyKey: String?
        /// The caller's User-Agent (sandbox-only: tells bindings and tools apart).
        var userAgent: String?
        var replayed: Bool
        var milliseconds: Double
        /// The problem answered, for errors.
        var problem: JSON?
        /// When, on the sandbox clock.
        var at: String

        var json: JSON {
            .object([("request_id", .string(requestID)), ("method", .string(method)), ("path", .string(path)),
                     ("status", .integer(Int64(status))), ("idempotency_key", idempotencyKey.map(JSON.string) ?? .null),
                     ("user_agent", userAgent.map(JSON.string) ?? .null),
                     ("replayed", .bool(replayed)), ("duration_ms", .real((milliseconds * 1000).rounded() / 1000)),
                     ("problem", problem ?? .null), ("at", .string(at))])
        }
    }

    let capacity: Int
    private let byClient = Mutex<[String: [Entry]]>([:])
    /// Problems routes threw, by request id, until the request's entry is recorded (the
    /// idempotency layer turns them into plain answers on the way out).
    private let problems = Mutex<[String: JSON]>([:])

    init(capacity: Int = 500) {
        self.capacity = capacity
    }

    func record(_ entry: Entry, clientID: String) {
        byClient.withLock { all in
            var entries = all[clientID, default: []]
            if entries.count >= capacity { entries.removeFirst(entries.count - capacity + 1) }
            entries.append(entry)
            all[clientID] = entries
        }
    }

    /// Newest first; only the one with `requestID` when it is given.
    func entries(clientID: String, requestID: String? = nil, limit: Int) -> [Entry] {
        let entries = byClient.withLock { $0[clientID] ?? [] }
        return Array(entries.reversed().lazy.filter { requestID == nil || $0.requestID == requestID }.prefix(limit))
    }

    func note(problem: JSON, requestID: String) {
        problems.withLock { $0[requestID] = problem }
    }

    func takeProblem(requestID: String) -> JSON? {
        problems.withLock { $0.removeValue(forKey: requestID) }
    }

    func clear(clientID: String) {
        _ = byClient.withLock { $0.removeValue(forKey: clientID) }
    }
}
