import GRDB

/// Idempotency keys (flywire-api.md §1 [S]): the same key and request replay the stored
/// answer; the same key with another request is refused; keys are per client.
extension SandboxDatabase {
    enum IdempotencyStart {
        case started
        case replay(status: Int, body: String)
        case mismatch
        case inProgress
    }

    /// A request whose first attempt has not finished after this long is taken as abandoned
    /// (its process died), and may run again.
    static let abandonedAfter = 60.0

    func beginIdempotent(client: ClientRecord, key: String, method: String, path: String, hash: String) async throws -> IdempotencyStart {
        try await pool.write { db in
            let now = self.clock.now()
            if let row = try Row.fetchOne(db, sql: "SELECT method, path, body_hash, status_code, response, created_at FROM idempotency_key WHERE client_id = ? AND key = ?",
                                          arguments: [client.id, key]) {
                let sameRequest = row["method"] as String == method && row["path"] as String == path && row["body_hash"] as String == hash
                guard sameRequest else { return .mismatch }
                if let status = row["status_code"] as Int?, let body = row["response"] as String? {
                    return .replay(status: status, body: body)
                }
                guard now - (row["created_at"] as Double) > Self.abandonedAfter else { return .inProgress }
                try db.execute(sql: "UPDATE idempotency_key SET created_at = ? WHERE client_id = ? AND key = ?", arguments: [now, client.id, key])
                return .started
            }
            try db.execute(sql: "INSERT INTO idempotency_key (client_id, key, method, path, body_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [client.id, key, method, path, hash, now])
            return .started
        }
    }

    func finishIdempotent(client: ClientRecord, key: String, status: Int, body: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE idempotency_key SET status_code = ?, response = ? WHERE client_id = ? AND key = ?",
                           arguments: [status, body, client.id, key])
        }
    }

    /// Forgets a key whose request failed unexpectedly, so that a retry runs again.
    func abandonIdempotent(client: ClientRecord, key: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM idempotency_key WHERE client_id = ? AND key = ? AND status_code IS NULL",
                           arguments: [client.id, key])
        }
    }
}
