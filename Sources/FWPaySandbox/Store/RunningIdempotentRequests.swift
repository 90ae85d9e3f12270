import Synchronization

/// The idempotency keys of requests being handled right now, per client: what each request
/// was (method, path, body hash), so that a second use of a key can be told apart (the same
/// request: 409 while it runs; another request: 422), and, once it is answered, its answer
/// until that answer is stored in the database.
final class RunningIdempotentRequests: Sendable {
    struct Request: Equatable {
        let method: String
        let path: String
        let hash: String
    }

    struct Answer: Equatable {
        let status: Int
        let body: String
    }

    enum Reservation: Equatable {
        case reserved
        case runningSameRequest
        case answered(Answer)
        case heldByOtherRequest
    }

    private struct Slot: Hashable {
        let client: String
        let key: String
    }

    private struct Entry {
        let request: Request
        var answer: Answer?
    }

    private let entries = Mutex<[Slot: Entry]>([:])

    func reserve(client: String, key: String, for request: Request) -> Reservation {
        entries.withLock { entries in
            let slot = Slot(client: client, key: key)
            guard let entry = entries[slot] else {
                entries[slot] = Entry(request: request)
                return .reserved
            }
            guard entry.request == request else { return .heldByOtherRequest }
            return entry.answer.map(Reservation.answered) ?? .runningSameRequest
        }
    }

    /// Records the answer of a reserved request; returns the request, nil when not reserved.
    func answer(client: String, key: String, with answer: Answer) -> Request? {
        entries.withLock { entries in
            let slot = Slot(client: client, key: key)
            entries[slot]?.answer = answer
            return entries[slot]?.request
        }
    }

    func release(client: String, key: String) {
        _ = entries.withLock { $0.removeValue(forKey: Slot(client: client, key: key)) }
    }

    var isEmpty: Bool { entries.withLock { $0.isEmpty } }
}
