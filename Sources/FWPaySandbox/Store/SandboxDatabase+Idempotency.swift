import GRDB

/// Idempotency keys (flywire-api.md §1 [S]): the same key and request replay the stored
/// answer; the same key with another request is refused; keys are per client.
///
/// A request being handled holds its key in memory (`RunningIdempotentRequests`), not in a row:
/// that state dies with the process anyway, and writing it cost a committed transaction per
/// POST (bench/NOTES.md). The answer is stored once the request is done.
extension SandboxDatabase {
    enum IdempotencyStart {
        case started
        case replay(status: Int, body: String)
        case mismatch
        case inProgress
    }

    func beginIdempotent(client: ClientRecord, key: String, method: String, path: String, hash: String) throws -> IdempotencyStart {
        let request = RunningIdempotentRequests.Request(method: method, path: path, hash: hash)
        // Reserve first, then read: the first request stores its answer before it lets go of
        // the key, so whoever reserves the key afterwards finds that answer.
        switch runningIdempotentRequests.reserve(client: client.id, key: key, for: request) {
        case .reserved: break
        case .heldBySameRequest: return .inProgress
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

    /// Stores the answer of a started request and lets go of its key.
    func finishIdempotent(client: ClientRecord, key: String, status: Int, body: String) async throws {
        defer { runningIdempotentRequests.release(client: client.id, key: key) }
        guard let request = runningIdempotentRequests.request(client: client.id, key: key) else { return }
        let now = clock.now()
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO idempotency_key (client_id, key, method, path, body_hash, status_code, response, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(client_id, key) DO UPDATE SET method = excluded.method, path = excluded.path,
                    body_hash = excluded.body_hash, status_code = excluded.status_code, response = excluded.response,
                    created_at = excluded.created_at
                """, arguments: [client.id, key, request.method, request.path, request.hash, status, body, now])
        }
    }

    /// Lets go of the key of a request that failed unexpectedly, so that a retry runs again.
    func abandonIdempotent(client: ClientRecord, key: String) {
        runningIdempotentRequests.release(client: client.id, key: key)
    }
}
