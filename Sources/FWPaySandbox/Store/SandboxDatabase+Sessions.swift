import Foundation
import GRDB

/// Checkout sessions (seed 003) and token charges.
extension SandboxDatabase {
    /// Stores a validated new session.
    func createSession(_ session: ValidatedSession, for client: ClientRecord) async throws -> SessionRecord {
        let clock = self.clock(of: client.id)
        let now = clock.now()
        let record = SessionRecord(id: UUID().uuidString.lowercased(), clientID: client.id, type: session.type, status: .open,
                                   recipientID: session.recipient.id, body: session.body.text, amount: session.amount,
                                   currency: session.recipient.currency, expiresAt: now + SessionRules.lifetime,
                                   createdAt: clock.timestamp(now), orderID: session.orderID)
        try await write { db in try record.insert(db) }
        return record
    }

    /// A session as the payer's form sees it (no API key: the session id is the secret).
    func session(_ id: String) throws -> SessionRecord? {
        try lookup { db in try SessionRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE id = ?"), arguments: [id]) }
    }

    /// Stores what the payer sent on the form, which `PayerForm` checked, while the session
    /// can still take it: what `PayerForm.storable` keeps of it, never the card number or CVV.
    /// A session that pays makes its payment (and saves its card) now, as Flywire does once the
    /// payer has sent the form (seed 003; real-api-evidence.md §4 A): an integration that
    /// confirms late, or never, still gets its payment and notifications. Once paid, the form
    /// takes no second submission.
    func submitForm(session id: String, form: [String: String]) async throws -> SessionRecord {
        try await write { db in
            guard var session = try SessionRecord.fetchOne(db, key: id) else { throw Problem.notFound("Checkout session \(id) not found") }
            try PayerForm.checkSubmittable(session, now: self.clock(of: session.clientID).now())
            if let paid = session.paymentID {
                throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status", "has already been paid (payment \(paid))")
            }
            session.form = JSON.object(PayerForm.storable(form).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).text
            session.status = .submitted
            if SessionRules.chargingTypes.contains(session.type) {
                _ = try self.settle(db, &session)
            }
            try session.update(db)
            return session
        }
    }

    /// Confirms a submitted session: answers the payment its form made (a session that pays),
    /// or saves the card now (a session that only tokenizes), as `SessionConfirmation` decides.
    func confirmSession(_ id: String, of client: ClientRecord) async throws -> (SessionConfirmation, PaymentRecord?) {
        try await write { db in
            guard var session = try SessionRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Checkout session \(id) not found")
            }
            let now = self.clock(of: client.id).now()
            try SessionConfirmation.checkConfirmable(session, now: now)
            let settled: (SessionConfirmation, PaymentRecord?)
            if let paymentID = session.paymentID, let payment = try PaymentRecord.fetchOne(db, key: paymentID) {
                let form = session.submitted ?? .object([])
                let token = try payment.token.flatMap { try PaymentMethodTokenRecord.fetchOne(db, key: $0) }
                settled = (SessionConfirmation(form: PayerForm.payer(of: form), card: CardDetails(form: form), token: token, draft: nil),
                           payment)
            } else {
                settled = try self.settle(db, &session)
            }
            session.status = .confirmed
            try session.update(db)
            return settled
        }
    }

    /// What a sent form commits to, once: the card saved, the payment made (for the session's
    /// order, if it was made for one, which it charges).
    private func settle(_ db: Database, _ session: inout SessionRecord) throws -> (SessionConfirmation, PaymentRecord?) {
        guard let client = self.client(id: session.clientID), let recipient = self.recipient(session.recipientID) else {
            throw Problem.notFound("Recipient not found")
        }
        // A session made for an order charges it: once, whichever way it is charged first.
        var order: (OrderRecord, PaymentRecord?)?
        if let orderID = session.orderID, SessionRules.chargingTypes.contains(session.type) {
            order = (try Self.fetchOrder(db, orderID, of: client), try OrderRecord.payment(db, charging: orderID))
        }
        let clock = self.clock(of: client.id)
        let now = clock.now()
        let timestamp = clock.timestamp(now)
        let confirmation = try SessionConfirmation.decide(session, order: order, recipient: recipient, now: now, timestamp: timestamp) {
            try Self.unusedReference(for: recipient.id, in: db)
        }
        try confirmation.token?.insert(db)
        var payment: PaymentRecord?
        if let draft = confirmation.draft {
            payment = try self.create(db, draft)
            session.paymentID = payment?.id
            if var (charged, _) = order { try self.markCharged(db, &charged, now: timestamp) }
        }
        return (confirmation, payment)
    }

    /// POST /payments/charge: charges a saved card again with its token and mandate.
    func chargeToken(_ charge: ValidatedTokenCharge, of client: ClientRecord) async throws -> PaymentRecord {
        try await write { db in
            guard let token = try PaymentMethodTokenRecord.fetchOne(db, key: charge.token), token.clientID == client.id,
                  token.mandateID == charge.mandateID else {
                throw Problem.invalid(source: "/payment_method_token", param: "payment_method_token", "is invalid or does not match mandate_id")
            }
            let (recipient, total) = try TokenChargeRules.total(charge, token: token, recipient: self.recipient(charge.recipientID ?? token.recipientID))
            let draft = PaymentDraft.charging(token, charge, recipient: recipient, total: total,
                                              reference: try Self.unusedReference(for: recipient.id, in: db), now: self.clock(of: client.id).timestamp())
            return try self.create(db, draft)
        }
    }
}
