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
        let from = payment.status
        guard PaymentLifecycle.canMove(from: from, to: status) else {
            throw Problem.invalid(source: "/status", param: "status", type: "invalid_status",
                                  "cannot change from \(from.rawValue) to \(status.rawValue)")
        }
        let clock = self.clock(of: payment.clientID)
        let now = at ?? clock.now()
        payment.status = status
        payment.updatedAt = clock.timestamp(now)
        if let reason { payment.reason = reason }
        if let reasonCode { payment.reasonCode = reasonCode }
        try payment.update(db)
        var history = PaymentStatusRecord(paymentID: payment.id, status: status, at: clock.timestamp(now), note: note ?? reason)
        try history.insert(db)
        try enqueuePaymentNotification(db, payment, at: now)
        for step in PaymentLifecycle.followUps(entering: status) {
            try schedule(db, payment: payment, step: step, from: now)
        }
    }

    /// Stores a new payment (status `initiated`) and runs its plan: immediate steps now,
    /// later ones scheduled. The only way a payment is stored.
    func create(_ db: Database, _ draft: PaymentDraft) throws -> PaymentRecord {
        var payment = draft.payment
        let clock = self.clock(of: payment.clientID)
        let now = clock.now()
        payment.status = .initiated
        payment.updatedAt = payment.createdAt
        try payment.insert(db)
        var history = PaymentStatusRecord(paymentID: payment.id, status: .initiated, at: clock.timestamp(now))
        try history.insert(db)
        try enqueuePaymentNotification(db, payment)
        for step in draft.plan {
            if step.after == 0 {
                if step.onlyFrom.contains(payment.status) {
                    try transition(db, &payment, to: step.status, reason: step.reason, reasonCode: step.reasonCode)
                }
            } else {
                try schedule(db, payment: payment, step: step, from: now)
            }
        }
        return payment
    }

    func schedule(_ db: Database, payment: PaymentRecord, step: PaymentLifecycle.Step, from now: Double) throws {
        var row = ScheduledTransitionRecord(resource: "payment", resourceID: payment.id, clientID: payment.clientID, dueAt: now + step.after,
                                            toStatus: step.status.rawValue,
                                            onlyFrom: step.onlyFrom.map(\.rawValue).sorted().joined(separator: ","),
                                            reason: step.reason)
        try row.insert(db)
    }

    /// Makes every scheduled change that is due on its client's clock, client by client.
    /// Returns how many were made.
    @discardableResult
    func processDueTransitions() async throws -> Int {
        var made = 0
        for clientID in clientIDs { made += try await processDueTransitions(of: clientID) }
        return made
    }

    /// Makes every scheduled change of `clientID` that is due on that client's clock, in time
    /// order (including changes those changes schedule). Returns how many were made.
    @discardableResult
    func processDueTransitions(of clientID: String) async throws -> Int {
        let clock = self.clock(of: clientID)
        return try await write { db in
            var made = 0
            for _ in 0..<10_000 {
                let now = clock.now()
                guard let due = try ScheduledTransitionRecord
                    .filter(ScheduledTransitionRecord.Columns.clientID == clientID && ScheduledTransitionRecord.Columns.dueAt <= now)
                    .order(ScheduledTransitionRecord.Columns.dueAt, Column("id"))
                    .fetchOne(db) else { break }
                try due.delete(db)
                let allowed = Set(due.onlyFrom.split(separator: ",").map(String.init))
                switch due.resource {
                case "payment":
                    guard var payment = try PaymentRecord.fetchOne(db, key: due.resourceID),
                          allowed.contains(payment.status.rawValue),
                          let status = PaymentStatus(rawValue: due.toStatus),
                          PaymentLifecycle.canMove(from: payment.status, to: status) else { continue }
                    try self.transition(db, &payment, to: status, reason: due.reason, note: "scheduled", at: due.dueAt)
                    made += 1
                case "refund":
                    guard var refund = try RefundRecord.fetchOne(db, key: due.resourceID), allowed.contains(refund.status.rawValue),
                          let status = RefundStatus(rawValue: due.toStatus) else { continue }
                    try self.moveRefund(db, &refund, to: status, at: due.dueAt)
                    made += 1
                default:
                    continue
                }
            }
            return made
        }
    }

    /// Queues the notifications of a payment's current status (flywire-api.md §5): its
    /// `payments` event, and the `charges` event of a card attempt (NotificationWire.charge).
    func enqueuePaymentNotification(_ db: Database, _ payment: PaymentRecord, at: Double? = nil) throws {
        let clock = self.clock(of: payment.clientID)
        let now = at ?? clock.now()
        let expiresAt = clock.isoTimestamp(payment.holdExpiresAt ?? now + PaymentLifecycle.bankTransferExpiry)
        try enqueueNotification(db, clientID: payment.clientID, url: payment.notificationsURL,
                                event: NotificationWire.payment(payment, expiresAt: expiresAt), at: now)
        if let charge = NotificationWire.charge(payment, expiresAt: expiresAt) {
            try enqueueNotification(db, clientID: payment.clientID, url: payment.notificationsURL, event: charge, at: now)
        }
    }

    /// Queues `event` for `url`, else the listener registered for the client, else the
    /// client's static URL, in the format the client chose. Without any, nothing is sent: the
    /// notification is kept for `fwpay listen --pull` while it polls, else not made.
    func enqueueNotification(_ db: Database, clientID: String, url: String?, event: NotificationWire.Event, at: Double? = nil) throws {
        let target = (url ?? listeners.url(of: clientID) ?? client(id: clientID)?.notificationsURL).flatMap { $0.isEmpty ? nil : $0 }
        guard target != nil || listeners.isPulled(clientID) else { return }
        let clock = self.clock(of: clientID)
        let now = at ?? clock.now()
        let body = NotificationWire.body(event, format: notificationFormat(of: clientID), date: clock.isoTimestamp(now))
        var notification = NotificationRecord(clientID: clientID, resource: event.resource, resourceID: event.resourceID,
                                              eventType: event.eventType, url: target ?? "", body: body.text,
                                              state: target == nil ? .listenOnly : .pending,
                                              attempts: 0, nextAttemptAt: now, createdAt: clock.timestamp(now))
        try notification.insert(db)
    }

    /// Advances `client`'s test clock by `seconds`, stores it, and makes the client's changes
    /// that fell due.
    func advanceClock(by seconds: Double, of client: ClientRecord) async throws -> Int {
        let clock = self.clock(of: client.id)
        clock.advance(by: seconds)
        let offset = clock.currentOffset
        try await write { db in try Self.storeClockOffset(db, offset, of: client) }
        return try await processDueTransitions(of: client.id)
    }

    /// Keeps `client`'s clock offset, so that a restarted sandbox finds its time again.
    static func storeClockOffset(_ db: Database, _ offset: Double, of client: ClientRecord) throws {
        try db.execute(sql: "INSERT INTO sandbox_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: ["clock_offset:\(client.id)", String(offset)])
    }
}
