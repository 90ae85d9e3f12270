import GRDB
import Logging

/// Idempotency keys (flywire-api.md §1 [S]): the same key and request replay the stored
/// answer; the same key with another request is refused; keys are per client.
///
/// A request being handled holds its key in memory (`RunningIdempotentRequests`), and so
/// does its answer until the answer is stored: the answer is written after the response
/// has gone, instead of in a committed transaction of its own that every keyed POST waited
/// for (bench/NOTES.md). A retry finds the answer in memory, then in the database. If the
/// process dies between a change and the storing of its answer, a retry runs again, as it
/// did when the answer was stored before responding.
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

    /// Records the answer of a started request, at once for retries, and stores it in the
    /// background; the key is let go of once it is stored (kept in memory if storing fails).
    /// Returns the task that stores it.
    @discardableResult
    func finishIdempotent(client: ClientRecord, key: String, status: Int, body: String, logger: Logger? = nil) -> Task<Void, Never>? {
        let answer = RunningIdempotentRequests.Answer(status: status, body: body)
        guard let request = runningIdempotentRequests.answer(client: client.id, key: key, with: answer) else { return nil }
        let now = clock.now()
        return Task {
            do {
                try await pool.write { db in
                    try db.execute(sql: """
                        INSERT INTO idempotency_key (client_id, key, method, path, body_hash, status_code, response, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(client_id, key) DO UPDATE SET method = excluded.method, path = excluded.path,
                            body_hash = excluded.body_hash, status_code = excluded.status_code, response = excluded.response,
                            created_at = excluded.created_at
                        """, arguments: [client.id, key, request.method, request.path, request.hash, status, body, now])
                }
                runningIdempotentRequests.release(client: client.id, key: key)
            } catch {
                logger?.error("storing the answer for an Idempotency-Key failed (kept in memory): \(error)")
            }
        }
    }

    /// Lets go of the key of a request that failed unexpectedly, so that a retry runs again.
    func abandonIdempotent(client: ClientRecord, key: String) {
        runningIdempotentRequests.release(client: client.id, key: key)
    }
}
