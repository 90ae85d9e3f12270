import Foundation
import GRDB

/// Refunds and refund bundles (flywire-api.md §3): only from `delivered`, one active refund
/// per payment, refunds in total at most the payment, every refund in a bundle.
extension SandboxDatabase {
    /// A refund's automatic progress once its bundle is approved [S]: received a day later,
    /// finished two days after that.
    static let refundSteps: [String: (next: String, after: Double)] = [
        "initiated": ("received", PaymentLifecycle.day),
        "received": ("finished", 2 * PaymentLifecycle.day),
    ]

    func createRefund(payment reference: String, of client: ClientRecord, body: JSON) async throws -> RefundRecord {
        try await write { db in
            guard let payment = try PaymentRecord.fetchOne(db, id: reference, ownedBy: client) else {
                throw Problem.notFound("Payment \(reference) not found")
            }
            var errors: [Problem.Entry] = []
            func fail(_ source: String, _ param: String, _ type: String, _ message: String) {
                errors.append(Problem.Entry(source: source, param: param, type: type, message: message))
            }
            let amount: Int64
            switch body["amount"] {
            case .integer(let value)? where value > 0: amount = value
            case nil: amount = 0; fail("/amount", "amount", "missing_param", "is required")
            default: amount = 0; fail("/amount", "amount", "invalid_param", "must be a positive integer number of subunits")
            }
            if let currency = body["currency"]?.string, currency != payment.currencyTo {
                fail("/currency", "currency", "currency", "must be \(payment.currencyTo), the currency of the payment")
            }
            if let url = body["notifications_url"], url != .null, !(url.string.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false) {
                fail("/notifications_url", "notifications_url", "invalid_param", "must be an http or https URL")
            }
            guard errors.isEmpty else { throw Problem.invalid(errors) }
            guard PaymentLifecycle.refundable.contains(payment.paymentStatus) else {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status",
                                      "can only be refunded once delivered; it is \(payment.status)")
            }
            let refunds = try RefundRecord.filter(RefundRecord.Columns.paymentID == payment.id).fetchAll(db)
            if let active = refunds.first(where: { RefundRecord.activeStatuses.contains($0.status) }) {
                throw Problem.invalid(source: "/payment", param: "payment_id", type: "already_refund",
                                      "already has an active refund (\(active.id)); wait until it is finished")
            }
            let refunded = refunds.filter { $0.status != "cancelled" && $0.status != "returned" }.map(\.amount).reduce(0, +)
            let remaining = payment.amountTo - refunded
            let currency = Currency.named(payment.currencyTo) ?? Currency.named("USD")!
            if amount > remaining {
                throw Problem.invalid(source: "/amount", param: "amount", type: "amount_over_remaining_balance",
                                      "is more than the remaining balance of \(currency.format(remaining))")
            }
            if amount < currency.subunits {
                throw Problem.invalid(source: "/amount", param: "amount", type: "minimum_threshold",
                                      "must be at least \(currency.format(currency.subunits))")
            }
            let now = self.clock.timestamp()
            let bundle = try self.openBundle(db, for: client, now: now)
            var id = "R" + payment.recipientID + String(Int.random(in: 100_000_000...999_999_999))
            while try RefundRecord.exists(db, key: id) { id = "R" + payment.recipientID + String(Int.random(in: 100_000_000...999_999_999)) }
            let payerCurrency = Currency.named(payment.currencyFrom) ?? currency
            let refund = RefundRecord(
                id: id, clientID: client.id, paymentID: payment.id, bundleID: bundle.id, status: "pending",
                amount: amount, currency: payment.currencyTo,
                amountTo: currency.convert(amount, to: payerCurrency, markup: 0), currencyTo: payerCurrency.code,
                recipientID: payment.recipientID, externalReference: body["external_reference"]?.string,
                notificationsURL: body["notifications_url"]?.string ?? payment.notificationsURL, createdAt: now, updatedAt: now)
            try refund.insert(db)
            try self.enqueueRefundNotification(db, refund)
            return refund
        }
    }

    /// The client's bundle still open for new refunds, or a new one.
    private func openBundle(_ db: Database, for client: ClientRecord, now: String) throws -> RefundBundleRecord {
        if let bundle = try RefundBundleRecord.filter(RefundBundleRecord.Columns.clientID == client.id && RefundBundleRecord.Columns.status == "pending")
            .fetchOne(db) {
            return bundle
        }
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        var id = ""
        repeat {
            id = "BUDR" + String(Int.random(in: 100_000...999_999)) + String((0..<2).map { _ in letters.randomElement()! })
        } while try RefundBundleRecord.exists(db, key: id)
        let bundle = RefundBundleRecord(id: id, clientID: client.id, status: "pending", createdAt: now)
        try bundle.insert(db)
        return bundle
    }

    /// Approves a pending bundle: its pending refunds are initiated.
    func approveBundle(_ id: String, of client: ClientRecord) async throws -> (RefundBundleRecord, [RefundRecord]) {
        try await write { db in
            guard var bundle = try RefundBundleRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Refund bundle \(id) not found")
            }
            guard bundle.status == "pending" else {
                throw Problem.invalid(source: "/bundle", param: "bundle_id", type: "invalid_status", "is already approved")
            }
            bundle.status = "approved"
            bundle.approvedAt = self.clock.timestamp()
            try bundle.update(db)
            var refunds = try RefundRecord.filter(RefundRecord.Columns.bundleID == id).fetchAll(db)
            for index in refunds.indices where refunds[index].status == "pending" {
                try self.moveRefund(db, &refunds[index], to: "initiated")
            }
            return (bundle, refunds)
        }
    }

    /// Cancels a refund that has not been received yet.
    func cancelRefund(_ id: String, of client: ClientRecord) async throws -> RefundRecord {
        try await write { db in
            guard var refund = try RefundRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Refund \(id) not found")
            }
            guard refund.status == "pending" || refund.status == "initiated" else {
                throw Problem.invalid(source: "/refund", param: "refund_id", type: "invalid_status",
                                      "cannot be cancelled; it is \(refund.status)")
            }
            try self.moveRefund(db, &refund, to: "cancelled")
            return refund
        }
    }

    func moveRefund(_ db: Database, _ refund: inout RefundRecord, to status: String, at: Double? = nil) throws {
        let now = at ?? clock.now()
        refund.status = status
        refund.updatedAt = clock.timestamp(now)
        try refund.update(db)
        try enqueueRefundNotification(db, refund, at: now)
        if let step = Self.refundSteps[status] {
            var row = ScheduledTransitionRecord(resource: "refund", resourceID: refund.id, dueAt: now + step.after,
                                                toStatus: step.next, onlyFrom: status)
            try row.insert(db)
        }
    }

    private func enqueueRefundNotification(_ db: Database, _ refund: RefundRecord, at: Double? = nil) throws {
        let data: JSON = .object([
            ("refund_id", .string(refund.id)), ("payment_id", .string(refund.paymentID)), ("bundle_id", .string(refund.bundleID)),
            ("status", .string(refund.status)), ("external_reference", refund.externalReference.map(JSON.string) ?? .null),
            ("amount", .string(String(refund.amount))), ("currency", .string(refund.currency)),
            ("amount_to", .string(String(refund.amountTo))), ("currency_to", .string(refund.currencyTo)),
        ])
        try enqueueNotification(db, clientID: refund.clientID, url: refund.notificationsURL, resource: "refunds",
                                resourceID: refund.id, eventType: refund.status, data: data, at: at)
    }
}
