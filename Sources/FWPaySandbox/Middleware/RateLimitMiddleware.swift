import Foundation
import Hummingbird
import Synchronization

/// Sandbox-only (`--rate-limit N`): emulates the limit a third-party profile reports of
/// Flywire: past N API requests in a minute, the caller is blocked for `blockSeconds` (600)
/// and every request answers 429 until then. Flywire is said to block by IP address; on
/// loopback every client has the same address, so the sandbox counts per API client.
/// Off by default: Flywire documents no limit.
final class RateLimiter: Sendable {
    let limit: Int
    let blockSeconds: Int
    /// Per client: the times of its last `limit` requests (oldest first), and the end of its block.
    private let clients = Mutex<[String: (times: [ContinuousClock.Instant], blockedUntil: ContinuousClock.Instant?)]>([:])

    init(limit: Int, blockSeconds: Int) {
        self.limit = limit
        self.blockSeconds = blockSeconds
    }

    /// Seconds the client must still wait, or nil when this request may go on (and is counted).
    func admit(clientID: String, now: ContinuousClock.Instant = .now) -> Int? {
        clients.withLock { clients in
            var state = clients[clientID] ?? ([], nil)
            defer { clients[clientID] = state }
            if let until = state.blockedUntil {
                if now < until { return max(1, Int((until - now).components.seconds)) }
                state = ([], nil)
            }
            state.times.append(now)
            if state.times.count > limit {
                state.times.removeFirst(state.times.count - limit - 1)
                if now - state.times[0] < .seconds(60) {
                    state = ([], now + .seconds(blockSeconds))
                    return blockSeconds
                }
                state.times.removeFirst()
            }
            return nil
        }
    }
}

struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let client = context.apiClient, let wait = limiter.admit(clientID: client.id) else {
            return try await next(request, context)
        }
        let problem = Problem(status: .tooManyRequests, title: "Too Many Requests",
                              detail: "Sandbox-only (--rate-limit \(limiter.limit)): more than \(limiter.limit) requests in a minute; "
                                  + "this client is blocked for \(wait) more seconds, as Flywire is reported to block an IP address "
                                  + "for 10 minutes past 500 requests a minute")
        var response = Response.json(problem.body, status: problem.status)
        response.headers[.retryAfter] = String(wait)
        return response
    }
}
