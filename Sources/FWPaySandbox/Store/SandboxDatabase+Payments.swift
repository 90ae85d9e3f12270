import Foundation
import GRDB

/// Payment queries and operations: list, capture, adjust, cancel, process, forced transitions.
extension SandboxDatabase {
    struct PaymentFilter {
        var recipient: String?
        var status: String?
        var externalReference: String?
        /// Part of the payment reference or of the external reference, any case (the dashboard's search).
        var search: String?
    }

    func payments(of client: ClientRecord, filter: PaymentFilter, page: Int, perPage: Int) async throws -> ([PaymentRecord], Int) {
        try await pool.read { db in
            var request = PaymentRecord.filter(PaymentRecord.Columns.clientID == client.id)
            if let recipient = filter.recipient { request = request.filter(PaymentRecord.Columns.recipientID == recipient) }
            if let status = filter.status { request = request.filter(PaymentRecord.Columns.status == status) }
            if let reference = filter.externalReference { request = request.filter(PaymentRecord.Columns.externalReference == reference) }
            if let search = filter.search {
                let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                request = request.filter(sql: "(id LIKE ? ESCAPE '\\' OR external_reference LIKE ? ESCAPE '\\')", arguments: [pattern, pattern])
            }
            let total = try request.fetchCount(db)
            let rows = try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db)
            return (rows, total)
        }
    }

    func history(of payment: String) async throws -> [PaymentStatusRecord] {
        try await pool.read { db in
            try PaymentStatusRecord.filter(Column("payment_id") == payment).order(Column("id")).fetchAll(db)
        }
    }

    /// Runs `change` on the client's payment inside one transaction.
    func withPayment<T: Sendable>(_ reference: String, of client: ClientRecord,
                                  _ change: @Sendable @escaping (Database, inout PaymentRecord) throws -> T) async throws -> T {
        try await write { db in
            guard var payment = try PaymentRecord.fetchOne(db, id: reference, ownedBy: client) else {
                throw Problem.notFound("Payment \(reference) not found")
            }
            return try change(db, &payment)
        }
    }

    /// Captures `amount` (at most the held amount) of a pre-authorization; the rest is
    /// released at once. A hold is captured once.
    func capture(_ reference: String, amount: Int64, of client: ClientRecord) async throws -> PaymentRecord {
        try await withPayment(reference, of: client) { db, payment in
            guard payment.capture == "manual" else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "is not a pre-authorization")
            }
            guard PaymentLifecycle.holding.contains(payment.paymentStatus) else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status",
                                      payment.capturedAmount != nil ? "has already been captured" : "cannot be captured; it is \(payment.status)")
            }
            let held = payment.heldAmount ?? payment.amountTo
            guard amount <= held else {
                let currency = Currency.named(payment.currencyTo) ?? Currency.named("USD")!
                throw Problem.invalid(source: "/amount", param: "amount", "is more than the authorized amount of \(currency.format(held))")
            }
            try self.cancelScheduled(db, payment: payment.id, reason: "authorization_expired")
            payment.capturedAmount = amount
            payment.amountTo = amount
            payment.amountFrom = amount
            try self.transition(db, &payment, to: .processed, note: "captured \(amount), released \(held - amount)")
            try self.transition(db, &payment, to: .guaranteed)
            return payment
        }
    }

    /// Raises a `preauth` hold to `amount` (equal extends it), restarting the holding period.
    func adjustAuthorization(_ reference: String, amount: Int64, of client: ClientRecord) async throws -> PaymentRecord {
        try await withPayment(reference, of: client) { db, payment in
            guard payment.capture == "manual" else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "is not a pre-authorization")
            }
            guard payment.authorization == "preauth" else {
                throw Problem.invalid(source: "/authorization", param: "authorization", type: "invalid_status",
                                      "is final; only preauth authorizations can be adjusted")
            }
            guard PaymentLifecycle.holding.contains(payment.paymentStatus) else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "cannot be adjusted; it is \(payment.status)")
            }
            let held = payment.heldAmount ?? payment.amountTo
            guard amount >= held else {
                let currency = Currency.named(payment.currencyTo) ?? Currency.named("USD")!
                throw Problem.invalid(source: "/amount", param: "amount", "can only be raised; the held amount is \(currency.format(held))")
            }
            try self.cancelScheduled(db, payment: payment.id, reason: "authorization_expired")
            payment.heldAmount = amount
            payment.amountTo = amount
            payment.amountFrom = amount
            payment.holdExpiresAt = self.clock.now() + PaymentLifecycle.holdingPeriod
            try self.transition(db, &payment, to: .adjusted, note: "held \(amount)")
            return payment
        }
    }

    /// Cancels a payment that has not been processed (a hold is released at once).
    func cancelPayment(_ reference: String, of client: ClientRecord) async throws -> PaymentRecord {
        try await withPayment(reference, of: client) { db, payment in
            guard PaymentLifecycle.cancellable.contains(payment.paymentStatus) else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "cannot be cancelled; it is \(payment.status)")
            }
            try self.cancelScheduled(db, payment: payment.id, reason: nil)
            try self.transition(db, &payment, to: .cancelled, reason: "cancelled_by_client")
            return payment
        }
    }

    /// Marks a 529 payment (one made from an order) processed.
    func processPayment(_ reference: String, of client: ClientRecord) async throws -> PaymentRecord {
        try await withPayment(reference, of: client) { db, payment in
            guard payment.kind == "order" else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "is not a 529 payment (made from an order)")
            }
            guard payment.status == "initiated" else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "cannot be processed; it is \(payment.status)")
            }
            try self.cancelScheduled(db, payment: payment.id, reason: nil)
            try self.transition(db, &payment, to: .processed)
            try self.schedule(db, payment: payment.id, step: .init(after: PaymentLifecycle.day, status: .guaranteed, onlyFrom: [.processed]),
                              from: self.clock.now())
            return payment
        }
    }

    /// POST /sandbox/payments/{ref}/transition: a change the lifecycle allows, made now.
    func forceTransition(_ reference: String, to status: PaymentStatus, reason: String?, of client: ClientRecord) async throws -> PaymentRecord {
        try await withPayment(reference, of: client) { db, payment in
            let failing = status == .failed
            try self.transition(db, &payment, to: status, reason: reason ?? (failing ? "declined" : nil),
                                reasonCode: failing ? "05" : nil, note: "forced")
            return payment
        }
    }

    /// Removes a payment's scheduled changes (those with `reason`, or all).
    func cancelScheduled(_ db: Database, payment: String, reason: String?) throws {
        var request = ScheduledTransitionRecord.filter(ScheduledTransitionRecord.Columns.resource == "payment"
                                                       && ScheduledTransitionRecord.Columns.resourceID == payment)
        if let reason { request = request.filter(Column("reason") == reason) }
        try request.deleteAll(db)
    }
}
