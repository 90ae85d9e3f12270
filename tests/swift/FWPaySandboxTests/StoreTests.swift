import Foundation
import Testing

@testable import FWPaySandbox

/// The store's invariants: one payment per order, even under concurrent charges; data kept
/// across reopening; clients isolated.
@Suite struct StoreTests {
    func temporaryDatabase() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fwpay-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("sandbox.sqlite").path
    }

    let other = SandboxConfiguration.APIClient(id: "other", apiKey: "other-key", sharedSecret: "s")

    func openOrder(_ database: SandboxDatabase, client: ClientRecord) async throws -> OrderRecord {
        let recipient = try #require(database.recipient("FWU"))
        let offer = Offer(amount: 120_000, method: .card, currency: Currency.named("EUR")!, country: "ES")
        let body: JSON = .object([
            ("payer", .object([("country", .string("ES"))])),
            ("recipient", .object([("id", .string("FWU")), ("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])),
            ("items", .array([.object([("amount", .integer(120_000))])])),
            ("offer", .object([("id", .string(offer.id))])),
        ])
        let order = try OrderRules.validate(body, recipient: recipient, title: "Bad Request")
        return try await database.createOrder(order, for: client)
    }

    @Test func twentyConcurrentChargesMakeOnePayment() async throws {
        let database = try SandboxDatabase(path: temporaryDatabase(), clients: [SandboxConfiguration.demoClient])
        let client = try #require(database.client(apiKey: "sandbox-demo-key"))
        let order = try await openOrder(database, client: client)
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<20 {
                group.addTask { try? await database.chargeOrder(order.id, of: client).id }
            }
            var references: [String?] = []
            for await reference in group { references.append(reference) }
            return references
        }
        #expect(outcomes.compactMap { $0 }.count == 1)
        let payments = try await database.pool.read { db in try PaymentRecord.fetchCount(db) }
        #expect(payments == 1)
    }

    @Test func dataSurvivesReopening() async throws {
        let path = temporaryDatabase()
        var database: SandboxDatabase? = try SandboxDatabase(path: path, clients: [SandboxConfiguration.demoClient])
        let client = try #require(database!.client(apiKey: "sandbox-demo-key"))
        let order = try await openOrder(database!, client: client)
        let payment = try await database!.chargeOrder(order.id, of: client)
        database = nil
        let reopened = try SandboxDatabase(path: path, clients: [SandboxConfiguration.demoClient])
        #expect(try reopened.payment(payment.id, of: client)?.orderID == order.id)
        #expect(reopened.recipients(page: 1, perPage: 10).total == 5)
    }

    /// Checkpoints run in the background, not in commits; each one must still let SQLite
    /// start the log over, or a busy sandbox's log would grow without end.
    @Test func checkpointsKeepTheLogShort() async throws {
        let database = try SandboxDatabase(path: temporaryDatabase(), clients: [SandboxConfiguration.demoClient])
        let client = try #require(database.client(apiKey: "sandbox-demo-key"))
        for _ in 0..<300 { _ = try await openOrder(database, client: client) }
        let frames = { try await database.pool.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount } }
        let before = try await frames()
        #expect(before >= 300)  // no automatic checkpoint: every commit is still in the log
        try await database.checkpointWAL()
        let order = try await openOrder(database, client: client)  // this write starts the log over
        #expect(try await frames() < 20)
        #expect(try database.order(order.id, of: client)?.0.id == order.id)
    }

    @Test func clientsAreIsolated() async throws {
        let database = try SandboxDatabase(path: temporaryDatabase(), clients: [SandboxConfiguration.demoClient, other])
        let demo = try #require(database.client(apiKey: "sandbox-demo-key"))
        let stranger = try #require(database.client(apiKey: "other-key"))
        let order = try await openOrder(database, client: demo)
        #expect(try database.order(order.id, of: stranger) == nil)
        await #expect(throws: Problem.self) { try await database.chargeOrder(order.id, of: stranger) }
        let payment = try await database.chargeOrder(order.id, of: demo)
        #expect(try database.payment(payment.id, of: stranger) == nil)
    }
}
