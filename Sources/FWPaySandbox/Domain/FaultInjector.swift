import Synchronization

/// Faults a client asked for on its own requests (`POST /sandbox/faults`), so that client
/// libraries can be tested against slow, failing and vanishing servers.
final class FaultInjector: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        /// Wait `latency_ms` before handling the request.
        case latency
        /// Answer `status` (default 500) without handling the request.
        case error
        /// Answer 429 without handling the request.
        case rateLimit = "rate_limit"
        /// Close the connection before handling the request: nothing changes.
        case dropBefore = "drop_before"
        /// Handle the request (its change is committed), then close the connection unanswered.
        case dropAfter = "drop_after"
    }

    struct Fault: Sendable {
        var id: Int
        var clientID: String
        var method: String?
        var pathPrefix: String
        var kind: Kind
        var remaining: Int
        var latencyMilliseconds: Int
        var status: Int

        var json: JSON {
            .object([("id", .integer(Int64(id))), ("method", method.map(JSON.string) ?? .null), ("path", .string(pathPrefix)),
                     ("kind", .string(kind.rawValue)), ("remaining", .integer(Int64(remaining))),
                     ("latency_ms", .integer(Int64(latencyMilliseconds))), ("status", .integer(Int64(status)))])
        }
    }

    /// Faults a client may have at once (finding L4: 54k of them slowed every client).
    static let maximumPerClient = 1_000
    /// Each client's faults, so that one client's list is never scanned for another's requests.
    private let state = Mutex<(next: Int, faults: [String: [Fault]])>((1, [:]))

    /// Adds `fault`, or returns nil when its client has `maximumPerClient` already.
    func add(_ fault: Fault) -> Fault? {
        state.withLock { state in
            guard state.faults[fault.clientID, default: []].count < Self.maximumPerClient else { return nil }
            var added = fault
            added.id = state.next
            state.next += 1
            state.faults[fault.clientID, default: []].append(added)
            return added
        }
    }

    func list(clientID: String) -> [Fault] {
        state.withLock { $0.faults[clientID] ?? [] }
    }

    func clear(clientID: String) {
        state.withLock { _ = $0.faults.removeValue(forKey: clientID) }
    }

    /// The first fault matching a request, counted as used.
    func take(clientID: String, method: String, path: String) -> Fault? {
        state.withLock { state in
            guard var faults = state.faults[clientID], let index = faults.firstIndex(where: {
                $0.remaining > 0 && ($0.method == nil || $0.method == method) && path.hasPrefix($0.pathPrefix)
            }) else { return nil }
            faults[index].remaining -= 1
            let fault = faults[index]
            if fault.remaining == 0 { faults.remove(at: index) }
            state.faults[clientID] = faults
            return fault
        }
    }
}
