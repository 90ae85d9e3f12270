import Foundation
import GRDB

/// Payment queries, and the payment actions `PaymentActions` decides.
extension SandboxDatabase {
    struct PaymentFilter {
        var recipient: String?
        var status: PaymentStatus?
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

    /// Applies what `decide` makes of the client's payment, inside one transaction.
    func change(_ reference: String, of client: ClientRecord,
                _ decide: @Sendable @escaping (PaymentRecord) throws -> PaymentChange) async throws -> PaymentRecord {
        try await write { db in
            guard let payment = try PaymentRecord.fetchOne(db, id: reference, ownedBy: client) else {
                throw Problem.notFound("Payment \(reference) not found")
            }
            return try self.apply(db, try decide(payment))
        }
    }

    func capture(_ reference: String, amount: Int64, of client: ClientRecord) async throws -> PaymentRecord {
        try await change(reference, of: client) { try PaymentActions.capture($0, amount: amount) }
    }

    func adjustAuthorization(_ reference: String, amount: Int64, of client: ClientRecord) async throws -> PaymentRecord {
        let now = clock(of: client.id).now()
        return try await change(reference, of: client) { payment in
            try PaymentActions.adjust(payment, amount: amount, maximum: self.recipient(payment.recipientID)?.maximumAmount ?? 0, now: now)
        }
    }

    func cancelPayment(_ reference: String, of client: ClientRecord) async throws -> PaymentRecord {
        try await change(reference, of: client) { try PaymentActions.cancel($0) }
    }

    func processPayment(_ reference: String, of client: ClientRecord) async throws -> PaymentRecord {
        try await change(reference, of: client) { try PaymentActions.process($0) }
    }

    func forceTransition(_ reference: String, to status: PaymentStatus, reason: String?, of client: ClientRecord) async throws -> PaymentRecord {
        try await change(reference, of: client) { PaymentActions.force($0, to: status, reason: reason) }
    }

    /// Stores a payment change: drops scheduled changes, saves the new amounts, makes the
    /// status changes, schedules what follows.
    func apply(_ db: Database, _ change: PaymentChange) throws -> PaymentRecord {
        var payment = change.payment
        switch change.dropScheduled {
        case .none: break
        case .all: try cancelScheduled(db, payment: payment.id, reason: nil)
        case .reason(let reason): try cancelScheduled(db, payment: payment.id, reason: reason)
        }
        for step in change.transitions {
            try transition(db, &payment, to: step.status, reason: step.reason, reasonCode: step.reasonCode, note: step.note)
        }
        if change.transitions.isEmpty { try payment.update(db) }
        for step in change.schedule { try schedule(db, payment: payment, step: step, from: clock(of: payment.clientID).now()) }
        return payment
    }

    /// Removes a payment's scheduled changes (those with `reason`, or all).
    func cancelScheduled(_ db: Database, payment: String, reason: String?) throws {
        var request = ScheduledTransitionRecord.filter(ScheduledTransitionRecord.Columns.resource == "payment"
                                                       && ScheduledTransitionRecord.Columns.resourceID == payment)
        if let reason { request = request.filter(Column("reason") == reason) }
        try request.deleteAll(db)
    }
}
