import Synchronization

/// The idempotency keys of requests being handled, per client: what each request was
/// (method, path, body hash), so that a second use of a key can be told apart (the same
/// request: 409 while it runs; another request: 422), and, once it is answered, its answer
/// until that answer is stored in the database.
final class RunningIdempotentRequests: Sendable {
    struct Request: Equatable, Sendable {
        let method: String
        let path: String
        let hash: String
    }

    struct Answer: Equatable, Sendable {
        let status: Int
        let body: String
    }

    enum Reservation: Equatable {
        case reserved
        case runningSameRequest
        case answered(Answer)
        case heldByOtherRequest
    }

    struct Slot: Hashable, Sendable {
        let client: String
        let key: String
    }

    /// An answered request whose answer is to be stored.
    struct Unstored: Sendable {
        let slot: Slot
        let request: Request
        let answer: Answer
        let answeredAt: Double
    }

    private struct Entry {
        let request: Request
        var answer: Answer?
        var answeredAt = 0.0
        /// Whether a transaction being written holds the answer.
        var storing = false
    }

    private let entries = Mutex<[Slot: Entry]>([:])
    /// Whether a task is already on its way to store answers that no change stored first.
    private let storageScheduled = Mutex(false)

    /// True for the one caller that should start the task storing answers; false while one
    /// is already scheduled.
    func scheduleStorage() -> Bool {
        storageScheduled.withLock { scheduled in
            guard !scheduled else { return false }
            scheduled = true
            return true
        }
    }

    /// The scheduled task has started storing: the next answer schedules another.
    func storageStarted() {
        storageScheduled.withLock { $0 = false }
    }

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

    /// Records the answer of a reserved request; false when the key was not reserved.
    func answer(client: String, key: String, with answer: Answer, at time: Double) -> Bool {
        entries.withLock { entries in
            let slot = Slot(client: client, key: key)
            guard entries[slot] != nil else { return false }
            entries[slot]?.answer = answer
            entries[slot]?.answeredAt = time
            return true
        }
    }

    /// The answers not stored yet, now marked as being stored.
    func takeUnstored() -> [Unstored] {
        entries.withLock { entries in
            var taken: [Unstored] = []
            for (slot, entry) in entries where !entry.storing {
                guard let answer = entry.answer else { continue }
                entries[slot]?.storing = true
                taken.append(Unstored(slot: slot, request: entry.request, answer: answer, answeredAt: entry.answeredAt))
            }
            return taken
        }
    }

    /// After the transaction holding them committed: the keys are let go of (the database
    /// answers from now on). After it rolled back: they wait for the next transaction.
    func finishStoring(_ slots: [Slot], committed: Bool) {
        entries.withLock { entries in
            for slot in slots {
                if committed { entries.removeValue(forKey: slot) } else { entries[slot]?.storing = false }
            }
        }
    }

    var hasUnstored: Bool { entries.withLock { $0.values.contains { $0.answer != nil && !$0.storing } } }

    func release(client: String, key: String) {
        _ = entries.withLock { $0.removeValue(forKey: Slot(client: client, key: key)) }
    }

    var isEmpty: Bool { entries.withLock { $0.isEmpty } }
}
