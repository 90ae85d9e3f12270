import Foundation
import Testing

@testable import FWPaySandbox

/// A sandbox database in a fresh temporary file, with the demo client (whose notifications
/// go to a loopback URL) and a second client.
struct SandboxFixture {
    let path: String
    let database: SandboxDatabase
    let demo: ClientRecord
    let other: ClientRecord

    /// `answerStorageDelay`: how long answers to idempotent requests wait for a change
    /// before being stored alone (long, to see them stored by a change).
    init(answerStorageDelay: Duration = .milliseconds(5)) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fwpay-sandbox-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("sandbox.sqlite").path
        var demoClient = SandboxConfiguration.demoClient
        demoClient.notificationsURL = "http://127.0.0.1:9/hook"
        database = try SandboxDatabase(path: path, clients: [
            demoClient, .init(id: "other", apiKey: "other-key", sharedSecret: "other-secret"),
        ], answerStorageDelay: answerStorageDelay)
        demo = try #require(database.client(apiKey: "sandbox-demo-key"))
        other = try #require(database.client(apiKey: "other-key"))
    }

    /// An order for FWU from Spain; `firstName` can carry a magic value.
    func order(firstName: String = "Peter", method: Offer.Method = .bankTransfer, amount: Int64 = 120_000) async throws -> OrderRecord {
        let recipient = try #require(database.recipient("FWU"))
        let offer = Offer(amount: amount, method: method, currency: Currency.named("EUR")!, country: "ES")
        let body: JSON = .object([
            ("payer", .object([("first_name", .string(firstName)), ("country", .string("ES"))])),
            ("recipient", .object([("id", .string("FWU")), ("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])),
            ("items", .array([.object([("amount", .integer(amount))])])),
            ("offer", .object([("id", .string(offer.id))])),
            ("external_reference", .string("ref-1")),
        ])
        let validated = try OrderRules.validate(body, recipient: recipient, title: "Bad Request")
        return try await database.createOrder(validated, for: demo)
    }

    func payment(firstName: String = "Peter", method: Offer.Method = .bankTransfer) async throws -> PaymentRecord {
        let order = try await order(firstName: firstName, method: method)
        return try await database.chargeOrder(order.id, of: demo)
    }

    func status(_ reference: String) throws -> PaymentStatus? {
        try database.payment(reference, of: demo)?.status
    }

    /// A session as POST /checkout/sessions makes it: the body checked by the rules, then stored.
    func createSession(_ body: JSON, for client: ClientRecord? = nil) async throws -> SessionRecord {
        let client = client ?? demo
        return try await database.createSession(try validate(body, of: client, database: database), for: client)
    }

    /// The answer of POST /checkout/sessions/{id}/confirm.
    func confirm(_ id: String, of client: ClientRecord) async throws -> JSON {
        let (confirmation, payment) = try await database.confirmSession(id, of: client)
        return PaymentWire.confirmation(confirmation, payment: payment)
    }

    /// The answer of POST /payments/charge.
    func chargeToken(_ body: JSON, of client: ClientRecord) async throws -> JSON {
        PaymentWire.tokenCharge(try await database.chargeToken(try TokenChargeRules.validate(body), of: client))
    }

    /// POST /payments/{ref}/refunds.
    func refund(_ reference: String, of client: ClientRecord, body: JSON) async throws -> RefundRecord {
        try await database.createRefund(payment: reference, of: client, refund: try RefundRules.validate(body))
    }

    /// A pre-authorization (tokenization_and_pay, manual capture) submitted and confirmed.
    func preauthorization(authorization: String = "preauth", amount: Int64 = 60_000, holder: String = "Peter Payer") async throws -> String {
        let body: JSON = .object([
            ("type", .string("tokenization_and_pay")),
            ("charge_intent", .object([("capture", .string("manual")), ("authorization", .string(authorization)), ("mode", .string("unscheduled"))])),
            ("recipient_id", .string("FWU")), ("schema", .string("cards")),
            ("recipient", .object([("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])),
            ("items", .array([.object([("id", .string("default")), ("amount", .integer(amount))])])),
        ])
        let session = try await createSession(body)
        _ = try await database.submitForm(session: session.id, form: Self.form(holder: holder))
        let answer = try await confirm(session.id, of: demo)
        return try #require(answer["payment_reference"]?.string)
    }

    static func form(holder: String = "Peter Payer", country: String = "US") -> [String: String] {
        ["first_name": "Peter", "last_name": "Payer", "email": "p@example.com", "country": country,
         "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737", "card_holder": holder]
    }

    func notifications(_ resource: String) async throws -> [NotificationRecord] {
        try await database.notifications(of: demo, resource: resource, page: 1, perPage: 100).0.map(\.0).reversed()
    }
}

/// The problem a throwing call gave, or nil.
func problem<T>(_ call: () async throws -> T) async -> Problem? {
    do { _ = try await call(); return nil } catch { return error as? Problem }
}
