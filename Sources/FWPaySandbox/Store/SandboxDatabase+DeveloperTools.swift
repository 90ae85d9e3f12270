import GRDB
import Synchronization

/// The receiver each client's `fwpay listen` registered: it stands in for the client's static
/// notifications URL while it is registered (sandbox-only, like `stripe listen`).
final class ClientListeners: Sendable {
    private let urls = Mutex<[String: String]>([:])

    func url(of clientID: String) -> String? {
        urls.withLock { $0[clientID] }
    }

    func set(_ url: String?, of clientID: String) {
        urls.withLock { $0[clientID] = url }
    }
}

/// What the control API offers integrators besides the clock and faults (sandbox-only): a
/// reset of one client's data, and resending a notification.
extension SandboxDatabase {
    /// How many rows of each kind a reset removed.
    struct ResetCounts: Sendable {
        var orders = 0, payments = 0, sessions = 0, refunds = 0, bundles = 0, notifications = 0
    }

    /// Deletes everything of `client` (orders, payments and their history, sessions, saved
    /// cards, refunds, bundles, notifications, scheduled changes, idempotency keys) and puts its
    /// clock back to real time, in one transaction; other clients' data and this client's
    /// settings stay.
    func reset(_ client: ClientRecord) async throws -> ResetCounts {
        let counts = try await write { db in
            var counts = ResetCounts()
            func delete(_ table: String) throws -> Int {
                try db.execute(sql: "DELETE FROM \"\(table)\" WHERE client_id = ?", arguments: [client.id])
                return db.changesCount
            }
            _ = try delete("scheduled_transition")
            counts.notifications = try delete("notification")
            counts.refunds = try delete("refund")
            counts.bundles = try delete("refund_bundle")
            // Payments point at their order and session; sessions at their order.
            counts.payments = try delete("payment")
            counts.sessions = try delete("session")
            counts.orders = try delete("order")
            _ = try delete("payment_method_token")
            _ = try delete("idempotency_key")
            try Self.storeClockOffset(db, 0, of: client)
            return counts
        }
        clock(of: client.id).returnToRealTime()
        return counts
    }

    /// Queues a copy of notification `id` of `client` (the same body and digest, to the same
    /// URL) for delivery now; nil when the client has no such notification.
    func resendNotification(_ id: Int64, of client: ClientRecord) async throws -> NotificationRecord? {
        try await write { db in
            guard let original = try NotificationRecord.fetchOne(db, key: id), original.clientID == client.id else { return nil }
            let clock = self.clock(of: client.id)
            let now = clock.now()
            var copy = NotificationRecord(clientID: client.id, resource: original.resource, resourceID: original.resourceID,
                                          eventType: original.eventType, url: original.url, body: original.body, state: .pending,
                                          attempts: 0, nextAttemptAt: now, createdAt: clock.timestamp(now))
            try copy.insert(db)
            return copy
        }
    }
}
