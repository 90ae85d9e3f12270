import Synchronization

/// The idempotency keys of requests being handled right now, per client, with what each
/// request was (method, path, body hash), so that a second use of a key can be told apart:
/// the same request still running (409) or another request (422).
final class RunningIdempotentRequests: Sendable {
    struct Request: Equatable {
        let method: String
        let path: String
        let hash: String
    }

    enum Reservation {
        case reserved
        case heldBySameRequest
        case heldByOtherRequest
    }

    private struct Slot: Hashable {
        let client: String
        let key: String
    }

    private let running = Mutex<[Slot: Request]>([:])

    func reserve(client: String, key: String, for request: Request) -> Reservation {
        running.withLock { running in
            if let holder = running[Slot(client: client, key: key)] {
                return holder == request ? .heldBySameRequest : .heldByOtherRequest
            }
            running[Slot(client: client, key: key)] = request
            return .reserved
        }
    }

    func request(client: String, key: String) -> Request? {
        running.withLock { $0[Slot(client: client, key: key)] }
    }

    func release(client: String, key: String) {
        _ = running.withLock { $0.removeValue(forKey: Slot(client: client, key: key)) }
    }
}
