import Foundation
import GRDB

/// Status changes of payments and refunds. A change, its history entry, its notification
/// and the changes it schedules are written in one transaction with the caller's work.
extension SandboxDatabase {
    /// Moves `payment` to `status` if the lifecycle allows it (`forced` skips nothing: a
    /// forced transition still follows the lifecycle, it only need not wait for time).
    /// `at` is when the change happens on the sandbox clock: now, or, for a scheduled change,
    /// when it fell due, so that the changes it schedules in turn keep their spacing however
    /// far the clock jumps.
    func transition(_ db: Database, _ payment: inout PaymentRecord, to status: PaymentStatus,
                    reason: String? = nil, reasonCode: String? = nil, note: String? = nil, at: Double? = nil) throws {
        let from = payment.paymentStatus
        guard PaymentLifecycle.canMove(from: from, to: status) else {
            throw Problem.invalid(source: "/status", param: "status", type: "invalid_status",
                                  "cannot change from \(from.rawValue) to \(status.rawValue)")
        }
        let now = at ?? clock.now()
        payment.status = status.rawValue
        payment.updatedAt = clock.timestamp(now)
        if let reason { payment.reason = reason }
        if let reasonCode { payment.reasonCode = reasonCode }
        try payment.update(db)
        var history = PaymentStatusRecord(paymentID: payment.id, status: status.rawValue, at: clock.timestamp(now), note: note ?? reason)
        try history.insert(db)
        try enqueuePaymentNotification(db, payment, at: now)
        for step in PaymentLifecycle.followUps(entering: status) {
            try schedule(db, payment: payment.id, step: step, from: now)
        }
    }

    /// Records a new payment (status `initiated`) and runs its plan: immediate steps now,
    /// later ones scheduled.
    func start(_ db: Database, _ payment: inout PaymentRecord, plan: [PaymentLifecycle.Step]) throws {
        let now = clock.now()
        payment.status = PaymentStatus.initiated.rawValue
        payment.updatedAt = payment.createdAt
        try payment.insert(db)
        var history = PaymentStatusRecord(paymentID: payment.id, status: "initiated", at: clock.timestamp(now))
        try history.insert(db)
        try enqueuePaymentNotification(db, payment)
        for step in plan {
            if step.after == 0 {
                if step.onlyFrom.contains(payment.paymentStatus) {
                    try transition(db, &payment, to: step.status, reason: step.reason)
                }
            } else {
                try schedule(db, payment: payment.id, step: step, from: now)
            }
        }
    }

    func schedule(_ db: Database, payment: String, step: PaymentLifecycle.Step, from now: Double) throws {
        var row = ScheduledTransitionRecord(resource: "payment", resourceID: payment, dueAt: now + step.after,
                                            toStatus: step.status.rawValue,
                                            onlyFrom: step.onlyFrom.map(\.rawValue).sorted().joined(separator: ","),
                                            reason: step.reason)
        try row.insert(db)
    }

    /// Makes every scheduled change that is due on the sandbox clock, in time order
    /// (including changes those changes schedule). Returns how many were made.
    @discardableResult
    func processDueTransitions() async throws -> Int {
        try await write { db in
            var made = 0
            for _ in 0..<10_000 {
                let now = self.clock.now()
                guard let due = try ScheduledTransitionRecord
                    .filter(ScheduledTransitionRecord.Columns.dueAt <= now)
                    .order(ScheduledTransitionRecord.Columns.dueAt, Column("id"))
                    .fetchOne(db) else { break }
                try due.delete(db)
                let allowed = Set(due.onlyFrom.split(separator: ",").map(String.init))
                switch due.resource {
                case "payment":
                    guard var payment = try PaymentRecord.fetchOne(db, key: due.resourceID),
                          allowed.contains(payment.status),
                          let status = PaymentStatus(rawValue: due.toStatus),
                          PaymentLifecycle.canMove(from: payment.paymentStatus, to: status) else { continue }
                    try self.transition(db, &payment, to: status, reason: due.reason, note: "scheduled", at: due.dueAt)
                    made += 1
                case "refund":
                    guard var refund = try RefundRecord.fetchOne(db, key: due.resourceID), allowed.contains(refund.status) else { continue }
                    try self.moveRefund(db, &refund, to: due.toStatus, at: due.dueAt)
                    made += 1
                default:
                    continue
                }
            }
            return made
        }
    }

    /// The v2 envelope (flywire-api.md §5) for a payment's current status, queued for its
    /// notifications URL, else its client's static URL; without either, nothing is sent.
    func enqueuePaymentNotification(_ db: Database, _ payment: PaymentRecord, at: Double? = nil) throws {
        let data: JSON = .object([
            ("payment_id", .string(payment.id)), ("status", .string(payment.status)),
            ("external_reference", payment.externalReference.map(JSON.string) ?? .null),
            // Flywire sends these amounts as strings.
            ("amount_from", .string(String(payment.amountFrom))), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .string(String(payment.amountTo))), ("currency_to", .string(payment.currencyTo)),
        ])
        let withReason = payment.status == "failed" || payment.status == "cancelled"
            ? data.setting("reason", payment.reason.map(JSON.string) ?? .null).setting("reason_code", payment.reasonCode.map(JSON.string) ?? .null)
            : data
        try enqueueNotification(db, clientID: payment.clientID, url: payment.notificationsURL, resource: "payments",
                                resourceID: payment.id, eventType: payment.status, data: withReason, at: at)
    }

    func enqueueNotification(_ db: Database, clientID: String, url: String?, resource: String, resourceID: String,
                             eventType: String, data: JSON, at: Double? = nil) throws {
        let staticURL = try ClientRecord.fetchOne(db, key: clientID)?.notificationsURL
        guard let target = url ?? staticURL, !target.isEmpty else { return }
        let now = at ?? clock.now()
        let envelope: JSON = .object([
            ("event_type", .string(eventType)), ("event_date", .string(clock.isoTimestamp(now))),
            ("event_resource", .string(resource)), ("data", data),
        ])
        var notification = NotificationRecord(clientID: clientID, resource: resource, resourceID: resourceID,
                                              eventType: eventType, url: target, body: envelope.text, state: "pending",
                                              attempts: 0, nextAttemptAt: now, createdAt: clock.timestamp(now))
        try notification.insert(db)
    }

    /// Advances the test clock by `seconds`, stores it, and makes the changes that fell due.
    func advanceClock(by seconds: Double) async throws -> Int {
        clock.advance(by: seconds)
        let offset = clock.currentOffset
        try await write { db in
            try db.execute(sql: "INSERT INTO sandbox_state (key, value) VALUES ('clock_offset', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [String(offset)])
        }
        return try await processDueTransitions()
    }
}
