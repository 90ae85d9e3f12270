import GRDB

/// `fwpay-sandbox --bulk-seed N` [S, for benchmarks and for trying the lists at real sizes]:
/// N made-up payments of one client, spread over the recipients and statuses, each with the
/// order it charged, its status history and a delivered notification; one in ten delivered
/// payments has a finished refund, ten refunds to an approved bundle. Nothing is scheduled,
/// so nothing changes afterwards by itself.
extension SandboxDatabase {
    struct BulkSeedCounts: Sendable {
        var payments = 0, refunds = 0, bundles = 0
    }

    /// Statuses in the proportions the seed gives them (delivered most).
    private static let bulkStatuses: [PaymentStatus] = [
        .delivered, .delivered, .delivered, .delivered, .delivered, .delivered, .delivered, .delivered,
        .guaranteed, .guaranteed, .guaranteed, .processed, .processed, .initiated, .initiated, .initiated,
        .cancelled, .cancelled, .failed, .reversed,
    ]

    /// Adds `count` payments to `client`, in transactions of 10,000 (each checkpointed) so that
    /// neither memory nor the write-ahead log grows with `count`. Rows go in through prepared
    /// statements: a million records through Codable took minutes.
    func bulkSeed(_ count: Int, for client: ClientRecord) throws -> BulkSeedCounts {
        var counts = BulkSeedCounts()
        let recipients = recipientList
        guard count > 0, !recipients.isEmpty else { return counts }
        let clock = self.clock(of: client.id)
        let url = "http://127.0.0.1:9/bulk-seed"
        var bundle: String?
        var inBundle = 0
        let first = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM payment WHERE client_id = ?", arguments: [client.id]) ?? 0 }
        // A transaction's pages stay in memory until its commit instead of spilling into the
        // log again and again (SQLite's default cache is 2 MiB).
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        var done = 0
        while done < count {
            let chunk = min(10_000, count - done)
            let now = clock.timestamp()
            let expiresAt = clock.isoTimestamp(clock.now() + PaymentLifecycle.bankTransferExpiry)
            try pool.write { db in
                let order = try db.cachedStatement(sql: """
                    INSERT INTO "order" (id, client_id, recipient_id, payer_country, document, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'charged', ?, ?)
                    """)
                let payment = try db.cachedStatement(sql: """
                    INSERT INTO payment (id, client_id, order_id, recipient_id, status, amount_from, currency_from, amount_to, currency_to,
                                         payment_method, external_reference, created_at, kind, payer, capture, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'order', ?, 'automatic', ?)
                    """)
                let history = try db.cachedStatement(sql: "INSERT INTO payment_status (payment_id, status, at) VALUES (?, ?, ?)")
                let notification = try db.cachedStatement(sql: """
                    INSERT INTO notification (client_id, resource, resource_id, event_type, url, body, state, attempts, next_attempt_at, created_at)
                    VALUES (?, 'payments', ?, ?, ?, ?, 'delivered', 1, ?, ?)
                    """)
                let attempt = try db.cachedStatement(sql: """
                    INSERT INTO notification_attempt (notification_id, attempt, at, status_code) VALUES (?, 1, ?, 200)
                    """)
                let refund = try db.cachedStatement(sql: """
                    INSERT INTO refund (id, client_id, payment_id, bundle_id, status, amount, currency, amount_to, currency_to, recipient_id,
                                        created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'finished', ?, ?, ?, ?, ?, ?, ?)
                    """)
                for index in first + done ..< first + done + chunk {
                    let recipient = recipients[index % recipients.count]
                    let status = Self.bulkStatuses[(index / recipients.count) % Self.bulkStatuses.count]
                    let amount = min(max(recipient.minimumAmount, 100_000 + Int64(index % 900) * 100), recipient.maximumAmount)
                    let reference = try Self.unusedReference(for: recipient.id, in: db)
                    let payer = #"{"first_name":"Bulk","last_name":"Payer \#(index)","country":"\#(recipient.country)"}"#
                    let document = #"{"payer":\#(payer),"recipient":{"id":"\#(recipient.id)","fields":[]},"items":[{"id":"tuition","amount":\#(amount)}]}"#
                    let orderID = String(UInt32.random(in: .min ... .max), radix: 16) + "-bulk-" + String(index)
                    try order.execute(arguments: [orderID, client.id, recipient.id, recipient.country, document, now, now])
                    let record = PaymentRecord(id: reference, clientID: client.id, orderID: orderID, recipientID: recipient.id,
                                               status: status, amountFrom: amount, currencyFrom: recipient.currency, amountTo: amount,
                                               currencyTo: recipient.currency, paymentMethod: index % 2 == 0 ? "bank_transfer" : "card",
                                               externalReference: "BULK-\(index)", createdAt: now, payer: payer, updatedAt: now)
                    try payment.execute(arguments: [reference, client.id, orderID, recipient.id, status.rawValue, amount, recipient.currency,
                                                    amount, recipient.currency, record.paymentMethod, record.externalReference, now, payer, now])
                    try history.execute(arguments: [reference, status.rawValue, now])
                    let event = NotificationWire.payment(record, expiresAt: expiresAt)
                    let body = NotificationWire.body(event, format: .v2, date: expiresAt)
                    try notification.execute(arguments: [client.id, reference, event.eventType, url, body.text, clock.now(), now])
                    try attempt.execute(arguments: [db.lastInsertedRowID, now])
                    counts.payments += 1
                    guard status == .delivered, index % 10 == 0 else { continue }
                    if bundle == nil || inBundle == 10 {
                        var id = RandomIdentifier.bundle()
                        while try RefundBundleRecord.exists(db, key: id) { id = RandomIdentifier.bundle() }
                        try RefundBundleRecord(id: id, clientID: client.id, status: .approved, createdAt: now, approvedAt: now).insert(db)
                        (bundle, inBundle, counts.bundles) = (id, 0, counts.bundles + 1)
                    }
                    var refundID = "R" + reference
                    while try RefundRecord.exists(db, key: refundID) { refundID = RandomIdentifier.refund(recipient.id) }
                    try refund.execute(arguments: [refundID, client.id, reference, bundle, amount / 10, recipient.currency, amount / 10,
                                                   recipient.currency, recipient.id, now, now])
                    (inBundle, counts.refunds) = (inBundle + 1, counts.refunds + 1)
                }
            }
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            done += chunk
        }
        return counts
    }
}
