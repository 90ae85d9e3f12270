import Foundation
import GRDB

/// Order writes. Each is one transaction; GRDB serialises writers, so two concurrent charges
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
    func createOrder(_ order: ValidatedOrder, for client: ClientRecord, now: String) async throws -> OrderRecord {
        let record = OrderRecord(id: UUID().uuidString.lowercased(), clientID: client.id, recipientID: order.recipient.id,
                                 payerCountry: order.payerCountry, document: order.document.text, status: .open,
                                 createdAt: now, updatedAt: now)
        try await write { db in try record.insert(db) }
        return record
    }

    /// Replaces an open order's body with `edit`, which `validate` checks against the order
    /// as it is inside the transaction.
    func updateOrder(_ id: String, of client: ClientRecord, now: String,
                     validate: @escaping @Sendable (OrderRecord) throws -> ValidatedOrder) async throws -> OrderRecord {
        try await write { db in
            guard var order = try OrderRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Order \(id) not found")
            }
            guard order.status == .open else {
                let reference = try OrderRecord.chargedReference(db, order: id)
                throw Problem.invalid(source: "/order", param: "id", type: "invalid_status",
                                      "cannot be edited: it was charged as payment \(reference)")
            }
            let validated = try validate(order)
            order.document = validated.document.text
            order.payerCountry = validated.payerCountry
            order.updatedAt = now
            try order.update(db)
            return order
        }
    }

    /// Turns an open order into a payment. A second charge is refused with the existing
    /// payment's reference.
    func chargeOrder(_ id: String, of client: ClientRecord, now: String) async throws -> PaymentRecord {
        try await write { db in
            var order = try OrderRecord.fetchChargeable(db, id: id, ownedBy: client, source: "/order", param: "id")
            guard let recipient = self.recipient(order.recipientID),
                  let offer = order.body["offer"]?["id"]?.string.flatMap(Offer.init(id:)) else {
                throw Problem.invalid(source: "/offer/id", param: "id", "is invalid")
            }
            let total = order.total
            let body = order.body
            var payment = PaymentRecord(
                id: try PaymentReference.unused(for: recipient.id, in: db), clientID: client.id, orderID: order.id, recipientID: recipient.id, status: "initiated",
                amountFrom: recipient.billingCurrency.convert(total, to: offer.currency), currencyFrom: offer.currency.code,
                amountTo: total, currencyTo: recipient.currency, paymentMethod: offer.method.rawValue,
                externalReference: body["external_reference"]?.string, createdAt: now, kind: "order",
                payer: body["payer"]?.text, notificationsURL: body["notifications_url"]?.string)
            let magic = PaymentLifecycle.Magic(firstName: body["payer"]?["first_name"]?.string)
            try self.start(db, &payment, plan: PaymentLifecycle.plan(method: payment.paymentMethod, capture: "automatic", magic: magic))
            order.status = .charged
            order.updatedAt = now
            try order.update(db)
            return payment
        }
    }
}

/// Payment references: the recipient id and nine digits (FWU744586810).
enum PaymentReference {
    /// A reference no payment has yet.
    static func unused(for recipient: String, in db: Database) throws -> String {
        let taken = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM payment WHERE id = ?)")
        while true {
            let reference = recipient + String(Int.random(in: 100_000_000...999_999_999))
            if try Bool.fetchOne(taken, arguments: [reference]) != true { return reference }
        }
    }
}
