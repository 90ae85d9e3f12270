import GRDB

/// The notification outbox: what is due, and what each delivery attempt gave.
extension SandboxDatabase {
    /// Pending notifications due on their client's clock, oldest first and at most `perClient`
    /// of each client (so that one client's backlog never hides another's), with the secret
    /// that signs them. A resource's notifications go in the order they happened: one waits
    /// until every earlier one of its payment or refund was delivered or given up
    /// (real-api-evidence.md §4: `processed` arrived before `initiated`); other resources,
    /// and other clients, never wait for it.
    func dueNotifications(perClient: Int, limit: Int) async throws -> [(NotificationRecord, String)] {
        try await pool.read { db in
            var due: [NotificationRecord] = []
            for clientID in self.clientIDs {
                due += try NotificationRecord.fetchAll(db, sql: """
                    SELECT * FROM notification WHERE client_id = ? AND state = 'pending' AND next_attempt_at <= ?
                        AND NOT EXISTS (SELECT 1 FROM notification AS earlier WHERE earlier.client_id = notification.client_id
                                        AND earlier.resource_id = notification.resource_id AND earlier.state = 'pending'
                                        AND earlier.id < notification.id)
                    ORDER BY id LIMIT ?
                    """, arguments: [clientID, self.clock(of: clientID).now(), perClient])
            }
            due.sort { ($0.id ?? 0) < ($1.id ?? 0) }
            return due.prefix(limit).compactMap { notification in
                self.client(id: notification.clientID).map { (notification, $0.sharedSecret) }
            }
        }
    }

    /// `clientID`'s notifications after id `after`, oldest first, whatever their state (a puller
    /// sees what is pushed too), only those of `events` when given; at most `limit`.
    func notifications(of clientID: String, after: Int64, events: [String]?, limit: Int) async throws -> [NotificationRecord] {
        try await pool.read { db in
            var request = NotificationRecord.filter(NotificationRecord.Columns.clientID == clientID && NotificationRecord.Columns.id > after)
            if let events { request = request.filter(events.contains(Column("event_type"))) }
            return try request.order(NotificationRecord.Columns.id).limit(limit).fetchAll(db)
        }
    }

    /// The id of `clientID`'s newest notification (0 when it has none).
    func newestNotificationID(of clientID: String) async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM notification WHERE client_id = ?", arguments: [clientID]) ?? 0
        }
    }

    /// Whether `notification` is still pending and due as it was when it was listed.
    func isDue(_ notification: NotificationRecord) throws -> Bool {
        try lookup { db in
            try Bool.fetchOne(db, sql: "SELECT state = 'pending' AND next_attempt_at = ? FROM notification WHERE id = ?",
                              arguments: [notification.nextAttemptAt, notification.id]) ?? false
        }
    }

    /// Records an attempt: delivered on 2xx; otherwise retried after `retryBase` seconds,
    /// doubling each time, until `maximumAttempts`, then failed.
    func recordAttempt(_ id: Int64, statusCode: Int?, error: String?, retryBase: Double, maximumAttempts: Int) async throws {
        try await write { db in
            guard var notification = try NotificationRecord.fetchOne(db, key: id), notification.state == .pending else { return }
            notification.attempts += 1
            let clock = self.clock(of: notification.clientID)
            var attempt = NotificationAttemptRecord(notificationID: id, attempt: notification.attempts, at: clock.timestamp(),
                                                    statusCode: statusCode, error: error)
            try attempt.insert(db)
            if let statusCode, (200..<300).contains(statusCode) {
                notification.state = .delivered
            } else if notification.attempts >= maximumAttempts {
                notification.state = .failed
            } else {
                let exponent = Double(1 << min(notification.attempts - 1, 20))
                notification.nextAttemptAt = clock.now() + retryBase * exponent
            }
            try notification.update(db)
        }
    }
}
