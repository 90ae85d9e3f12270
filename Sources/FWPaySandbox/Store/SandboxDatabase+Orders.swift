import Foundation
import GRDB

/// Orders. Each write is one transaction; GRDB serialises writers, so two concurrent charges
/// of one order cannot both see it open, and the UNIQUE order_id of `payment` backs that up.
extension SandboxDatabase {
    func order(_ id: String, of client: ClientRecord) throws -> (OrderRecord, PaymentRecord?)? {
        try lookup { db in
            guard let order = try OrderRecord.fetchOne(db, id: id, ownedBy: client) else {
                return nil
            }
            return (order, try OrderRecord.payment(db, charging: id))
        }
    }

    /// Stores a validated new order.
    func createOrder(_ order: ValidatedOrder, for client: ClientRecord) async throws -> OrderRecord {
        let now = clock(of: client.id).timestamp()
        let record = OrderRecord(id: UUID().uuidString.lowercased(), clientID: client.id, recipientID: order.recipient.id,
                                 payerCountry: order.payerCountry, document: order.document.text, status: .open,
                                 createdAt: now, updatedAt: now)
        try await write { db in try record.insert(db) }
        return record
    }

    /// Replaces an open order's body with what `validate` makes of the order as it is inside
    /// the transaction.
    func updateOrder(_ id: String, of client: ClientRecord,
                     validate: @escaping @Sendable (OrderRecord) throws -> ValidatedOrder) async throws -> OrderRecord {
        try await write { db in
            var order = try Self.fetchOrder(db, id, of: client)
            let clock = self.clock(of: client.id)
            let now = clock.now()
            let openSession = try String.fetchOne(db, sql: """
                SELECT id FROM session WHERE order_id = ? AND status != 'confirmed' AND expires_at >= ? LIMIT 1
                """, arguments: [id, now])
            try OrderDecision.checkEditable(order, chargedBy: try OrderRecord.payment(db, charging: id), openSession: openSession)
            let validated = try validate(order)
            order.document = validated.document.text
            order.payerCountry = validated.payerCountry
            order.updatedAt = clock.timestamp(now)
            try order.update(db)
            return order
        }
    }

    /// Turns an open order into a payment.
    func chargeOrder(_ id: String, of client: ClientRecord) async throws -> PaymentRecord {
        let now = clock(of: client.id).timestamp()
        return try await write { db in
            var order = try Self.fetchOrder(db, id, of: client)
            try OrderDecision.checkOpen(order, chargedBy: try OrderRecord.payment(db, charging: id), source: "/order", param: "id")
            guard let recipient = self.recipient(order.recipientID) else { throw Problem.notFound("Recipient \(order.recipientID) not found") }
            let draft = try PaymentDraft.charging(order, recipient: recipient, reference: try Self.unusedReference(for: recipient.id, in: db), now: now)
            let payment = try self.create(db, draft)
            try self.markCharged(db, &order, now: now)
            return payment
        }
    }

    func markCharged(_ db: Database, _ order: inout OrderRecord, now: String) throws {
        order.status = .charged
        order.updatedAt = now
        try order.update(db)
    }

    static func fetchOrder(_ db: Database, _ id: String, of client: ClientRecord) throws -> OrderRecord {
        guard let order = try OrderRecord.fetchOne(db, id: id, ownedBy: client) else { throw Problem.notFound("Order \(id) not found") }
        return order
    }

    /// A payment reference no payment has yet.
    static func unusedReference(for recipient: String, in db: Database) throws -> String {
        let taken = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM payment WHERE id = ?)")
        while true {
            let reference = RandomIdentifier.paymentReference(recipient)
            if try Bool.fetchOne(taken, arguments: [reference]) != true { return reference }
        }
    }
}
