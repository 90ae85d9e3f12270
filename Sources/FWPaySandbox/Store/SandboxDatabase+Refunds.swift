import Foundation
import GRDB

/// Refunds and refund bundles, as `RefundDecision` decides them: every refund in a bundle,
/// the client's open bundle or a new one.
extension SandboxDatabase {
    func createRefund(payment reference: String, of client: ClientRecord, refund: ValidatedRefund) async throws -> RefundRecord {
        try await write { db in
            guard let payment = try PaymentRecord.fetchOne(db, id: reference, ownedBy: client) else {
                throw Problem.notFound("Payment \(reference) not found")
            }
            let earlier = try RefundRecord.filter(RefundRecord.Columns.paymentID == payment.id).fetchAll(db)
            let now = self.clock(of: client.id).timestamp()
            // Checked before a bundle is opened for it, so that a refused refund leaves none behind.
            try RefundDecision.check(refund, of: payment, earlier: earlier)
            let bundle = try self.openBundle(db, for: client, now: now)
            var id = RandomIdentifier.refund(payment.recipientID)
            while try RefundRecord.exists(db, key: id) { id = RandomIdentifier.refund(payment.recipientID) }
            let record = RefundDecision.refund(refund, of: payment, id: id, bundleID: bundle.id, now: now)
            try record.insert(db)
            try self.enqueueRefundNotification(db, record)
            return record
        }
    }

    /// The client's bundle still open for new refunds, or a new one.
    private func openBundle(_ db: Database, for client: ClientRecord, now: String) throws -> RefundBundleRecord {
        if let bundle = try RefundBundleRecord
            .filter(RefundBundleRecord.Columns.clientID == client.id && RefundBundleRecord.Columns.status == RefundBundleStatus.pending)
            .fetchOne(db) {
            return bundle
        }
        var id = RandomIdentifier.bundle()
        while try RefundBundleRecord.exists(db, key: id) { id = RandomIdentifier.bundle() }
        let bundle = RefundBundleRecord(id: id, clientID: client.id, status: .pending, createdAt: now)
        try bundle.insert(db)
        return bundle
    }

    /// Approves a pending bundle: its pending refunds are initiated.
    func approveBundle(_ id: String, of client: ClientRecord) async throws -> (RefundBundleRecord, [RefundRecord]) {
        try await write { db in
            guard var bundle = try RefundBundleRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Refund bundle \(id) not found")
            }
            guard bundle.status == .pending else {
                throw Problem.invalid(source: "/bundle", param: "bundle_id", type: "invalid_status", "is already approved")
            }
            bundle.status = .approved
            bundle.approvedAt = self.clock(of: client.id).timestamp()
            try bundle.update(db)
            var refunds = try RefundRecord.filter(RefundRecord.Columns.bundleID == id).fetchAll(db)
            for index in refunds.indices where refunds[index].status == .pending {
                try self.moveRefund(db, &refunds[index], to: .initiated)
            }
            return (bundle, refunds)
        }
    }

    func cancelRefund(_ id: String, of client: ClientRecord) async throws -> RefundRecord {
        try await write { db in
            guard var refund = try RefundRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Refund \(id) not found")
            }
            try RefundDecision.checkCancellable(refund)
            try self.moveRefund(db, &refund, to: .cancelled)
            return refund
        }
    }

    /// POST /sandbox/refunds/{id}/transition.
    func forceRefund(_ id: String, to status: RefundStatus, of client: ClientRecord) async throws -> RefundRecord {
        try await write { db in
            guard var refund = try RefundRecord.fetchOne(db, id: id, ownedBy: client) else { throw Problem.notFound("Refund \(id) not found") }
            try RefundDecision.checkMove(refund, to: status)
            try self.cancelScheduledRefund(db, refund.id)
            try self.moveRefund(db, &refund, to: status)
            return refund
        }
    }

    private func cancelScheduledRefund(_ db: Database, _ id: String) throws {
        try ScheduledTransitionRecord.filter(ScheduledTransitionRecord.Columns.resource == "refund"
                                             && ScheduledTransitionRecord.Columns.resourceID == id).deleteAll(db)
    }

    func moveRefund(_ db: Database, _ refund: inout RefundRecord, to status: RefundStatus, at: Double? = nil) throws {
        let clock = self.clock(of: refund.clientID)
        let now = at ?? clock.now()
        refund.status = status
        refund.updatedAt = clock.timestamp(now)
        try refund.update(db)
        try enqueueRefundNotification(db, refund, at: now)
        if let next = RefundDecision.next(after: status) {
            var row = ScheduledTransitionRecord(resource: "refund", resourceID: refund.id, clientID: refund.clientID, dueAt: now + next.after,
                                                toStatus: next.status.rawValue, onlyFrom: status.rawValue)
            try row.insert(db)
        }
    }

    private func enqueueRefundNotification(_ db: Database, _ refund: RefundRecord, at: Double? = nil) throws {
        guard RefundStatus.notified.contains(refund.status) else { return }
        try enqueueNotification(db, clientID: refund.clientID, url: refund.notificationsURL, event: NotificationWire.refund(refund), at: at)
    }
}
