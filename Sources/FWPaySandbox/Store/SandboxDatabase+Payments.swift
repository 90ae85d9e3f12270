import Foundation
import GRDB

/// Payment queries, and the payment actions `PaymentActions` decides.
extension SandboxDatabase {
    struct PaymentFilter {
        var recipient: String?
        var status: PaymentStatus?
        var externalReference: String?
        /// Part of the payment reference or of the external reference, any case (the dashboard's
        /// search; its total stops at `searchCountLimit` + 1).
        var search: String?
    }

    /// A page of the client's payments, newest first, and how many match (see
    /// SandboxDatabase+Lists for how each filter stays fast at any size).
    func payments(of client: ClientRecord, filter: PaymentFilter, page: Int, perPage: Int) async throws -> ([PaymentRecord], Int) {
        try await pool.read { db in
            var request = PaymentRecord.filter(PaymentRecord.Columns.clientID == client.id)
            if let recipient = filter.recipient { request = request.filter(PaymentRecord.Columns.recipientID == recipient) }
            if let status = filter.status { request = request.filter(PaymentRecord.Columns.status == status) }
            if filter.externalReference == nil && filter.search == nil {
                let seek = try ListTally.seek(db, ListTally.payments, clientID: client.id, recipients: filter.recipient.map { [$0] },
                                              status: filter.status?.rawValue, page: page, perPage: perPage)
                return (try Self.rows(db, request, seek, perPage: perPage), seek.total)
            }
            if let reference = filter.externalReference { request = request.filter(PaymentRecord.Columns.externalReference == reference) }
            guard let given = filter.search else { return try Self.counted(db, request, page: page, perPage: perPage) }
            // No reference holds a control character, and FTS5 cannot read a NUL (it answered
            // 500: finding N13): they are left out of the search.
            let search = String(String.UnicodeScalarView(given.unicodeScalars.filter { $0.properties.generalCategory != .control }))
            guard !search.isEmpty else { return ([], 0) }
            guard search.unicodeScalars.count >= 3 else {
                // Too short for trigrams: a scan.
                let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                request = request.filter(sql: "(id LIKE ? ESCAPE '\\' OR external_reference LIKE ? ESCAPE '\\')", arguments: [pattern, pattern])
                return (try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db),
                        try request.limit(Self.searchCountLimit + 1).fetchCount(db))
            }
            return try Self.searched(db, client, filter, search, page: page, perPage: perPage)
        }
    }

    /// A search counts at most this many matches, and one more to tell that there are more.
    static let searchCountLimit = 10_000

    /// The payments whose reference or external reference holds `search` (any case), through
    /// the trigram index (a phrase of the search's trigrams), newest first; and how many match,
    /// up to `searchCountLimit` + 1. CROSS JOIN keeps the index's rowid order driving the
    /// query (SQLite otherwise may walk every payment of the client and test each).
    static func searched(_ db: Database, _ client: ClientRecord, _ filter: PaymentFilter, _ search: String,
                         page: Int, perPage: Int) throws -> ([PaymentRecord], Int) {
        var conditions = ["payment_search MATCH ?", "payment.client_id = ?"]
        var arguments: [any DatabaseValueConvertible] = ["\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\"", client.id]
        for (column, value) in [("recipient_id", filter.recipient), ("status", filter.status?.rawValue),
                                ("external_reference", filter.externalReference)] {
            if let value { conditions.append("payment.\(column) = ?"); arguments.append(value) }
        }
        let from = "FROM payment_search CROSS JOIN payment ON payment.rowid = payment_search.rowid WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 \(from) LIMIT \(searchCountLimit + 1))",
                                     arguments: StatementArguments(arguments)) ?? 0
        let rows = try PaymentRecord.fetchAll(db, sql: "SELECT payment.* \(from) ORDER BY payment_search.rowid DESC LIMIT ? OFFSET ?",
                                              arguments: StatementArguments(arguments + [perPage, (page - 1) * perPage]))
        return (rows, total)
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
