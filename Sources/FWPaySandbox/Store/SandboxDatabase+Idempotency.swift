import GRDB
import Logging

/// Idempotency keys (flywire-api.md §1 [S]): the same key and request replay the stored
/// answer; the same key with another request is refused; keys are per client.
///
/// A request being handled holds its key in memory (`RunningIdempotentRequests`), and so
/// does its answer until the answer is stored. Answers are stored by the next transaction
/// that commits a change (`write`), or after 5 ms without one: a keyed POST no longer waits
/// for a durable commit of its own, nor makes the next request wait for one (bench/NOTES.md).
/// A retry finds the answer in memory, then in the database. If the process dies between a
/// change and the storing of its answer, a retry runs again, as it did when the answer was
/// stored before responding.
extension SandboxDatabase {
    enum IdempotencyStart: Equatable {
        case started
        case replay(status: Int, body: String)
        case mismatch
        case inProgress
    }

    func beginIdempotent(client: ClientRecord, key: String, method: String, path: String, hash: String) throws -> IdempotencyStart {
        let request = RunningIdempotentRequests.Request(method: method, path: path, hash: hash)
        // Reserve first, then read: a request keeps its key until its answer is stored, so
        // whoever reserves the key afterwards finds that answer in the database.
        switch runningIdempotentRequests.reserve(client: client.id, key: key, for: request) {
        case .reserved: break
        case .runningSameRequest: return .inProgress
        case .answered(let answer): return .replay(status: answer.status, body: answer.body)
        case .heldByOtherRequest: return .mismatch
        }
        let stored: Row?
        do {
            stored = try lookup { db in
                try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT method, path, body_hash, status_code, response FROM idempotency_key
                    WHERE client_id = ? AND key = ? AND status_code IS NOT NULL
                    """), arguments: [client.id, key])
            }
        } catch {
            runningIdempotentRequests.release(client: client.id, key: key)
            throw error
        }
        guard let stored else { return .started }
        runningIdempotentRequests.release(client: client.id, key: key)
        guard stored["method"] as String == method, stored["path"] as String == path, stored["body_hash"] as String == hash else {
            return .mismatch
        }
        return .replay(status: stored["status_code"], body: stored["response"])
    }

    /// Records the answer of a started request: retries replay it at once, and it is stored
    /// with the next change, or by itself after `answerStorageDelay` (5 ms).
    func finishIdempotent(client: ClientRecord, key: String, status: Int, body: String, logger: Logger? = nil) {
        let answer = RunningIdempotentRequests.Answer(status: status, body: body)
        guard runningIdempotentRequests.answer(client: client.id, key: key, with: answer, at: clock(of: client.id).now()) else { return }
        guard runningIdempotentRequests.scheduleStorage() else { return }
        Task {
            try? await Task.sleep(for: answerStorageDelay)
            runningIdempotentRequests.storageStarted()
            guard runningIdempotentRequests.hasUnstored else { return }
            do { try await write { _ in } } catch {
                logger?.error("storing answers to Idempotency-Key requests failed (kept in memory; retried with the next change): \(error)")
            }
        }
    }

    /// Lets go of the key of a request that failed unexpectedly, so that a retry runs again.
    func abandonIdempotent(client: ClientRecord, key: String) {
        runningIdempotentRequests.release(client: client.id, key: key)
    }

    /// Inside a write transaction: stores the answers not stored yet.
    func storeAnswers(_ db: Database) throws {
        let answers = runningIdempotentRequests.takeUnstored()
        guard !answers.isEmpty else { return }
        let slots = answers.map(\.slot)
        db.afterNextTransaction(
            onCommit: { [runningIdempotentRequests] _ in runningIdempotentRequests.finishStoring(slots, committed: true) },
            onRollback: { [runningIdempotentRequests] _ in runningIdempotentRequests.finishStoring(slots, committed: false) })
        let statement = try db.cachedStatement(sql: """
            INSERT INTO idempotency_key (client_id, key, method, path, body_hash, status_code, response, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(client_id, key) DO UPDATE SET method = excluded.method, path = excluded.path,
                body_hash = excluded.body_hash, status_code = excluded.status_code, response = excluded.response,
                created_at = excluded.created_at
            """)
        for stored in answers {
            try statement.execute(arguments: [
                stored.slot.client, stored.slot.key, stored.request.method, stored.request.path, stored.request.hash,
                stored.answer.status, stored.answer.body, stored.answeredAt,
            ])
        }
    }
}
