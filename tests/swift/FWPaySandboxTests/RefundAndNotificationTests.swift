import Foundation
import Testing

@testable import FWPaySandbox

/// Refunds and bundles (flywire-api.md §3), notifications (§5) and idempotency keys (§1).
@Suite struct RefundAndNotificationTests {
    @Test func refundRules() async throws {
        let sandbox = try await SandboxFixture()
        let initiated = try await sandbox.payment().id
        let early = await problem { try await sandbox.refund(initiated, of: sandbox.demo, body: .object([("amount", .integer(1_000))])) }
        #expect(early?.errors.first?.type == "invalid_status")
        let delivered = try await sandbox.payment(firstName: "SANDBOX_TO_DELIVERED_STATUS").id
        let over = await problem { try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(120_001))])) }
        #expect(over?.errors.first?.type == "amount_over_remaining_balance")
        #expect(over?.errors.first?.message == "is more than the remaining balance of $1,200.00")
        let tiny = await problem { try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(50))])) }
        #expect(tiny?.errors.first?.type == "minimum_threshold")
        let wrongCurrency = await problem {
            try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(1_000)), ("currency", .string("EUR"))]))
        }
        #expect(wrongCurrency?.errors.first?.type == "currency")

        let first = try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(100_000))]))
        #expect(first.status == .pending && first.id.hasPrefix("RFWU") && first.bundleID.hasPrefix("BUDR"))
        let second = await problem { try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(1_000))])) }
        #expect(second?.errors.first?.type == "already_refund")
        #expect(await problem { try await sandbox.refund(delivered, of: sandbox.other, body: .object([("amount", .integer(1_000))])) }?.status == .notFound)

        // Approving the bundle sends the refund on; the clock finishes it.
        let (bundle, refunds) = try await sandbox.database.approveBundle(first.bundleID, of: sandbox.demo)
        #expect(bundle.status == .approved && refunds.map(\.status) == [.initiated])
        _ = try await sandbox.database.advanceClock(by: 3 * 86_400 + 1, of: sandbox.demo)
        #expect(try sandbox.database.refund(first.id, of: sandbox.demo)?.status == .finished)
        // Finished: no longer active; what remains of the payment can still be refunded.
        let rest = await problem { try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(20_001))])) }
        #expect(rest?.errors.first?.message == "is more than the remaining balance of $200.00")
        let last = try await sandbox.refund(delivered, of: sandbox.demo, body: .object([("amount", .integer(20_000))]))
        #expect(last.bundleID != first.bundleID)
        #expect(try await sandbox.database.cancelRefund(last.id, of: sandbox.demo).status == .cancelled)
        #expect(await problem { try await sandbox.database.cancelRefund(first.id, of: sandbox.demo) }?.errors.first?.type == "invalid_status")
    }

    @Test func everyStatusChangeQueuesASignedEnvelope() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment(firstName: "SANDBOX_TO_GUARANTEED_STATUS")
        let queued = try await sandbox.notifications(payment.id)
        #expect(queued.map(\.eventType) == ["initiated", "processed", "guaranteed"])
        #expect(queued.allSatisfy { $0.url == "http://127.0.0.1:9/hook" && $0.state == .pending })
        let envelope = try JSON.parse(queued[2].body)
        #expect(envelope["event_resource"] == .string("payments"))
        #expect(envelope["data"]?["payment_id"] == .string(payment.id))
        #expect(envelope["data"]?["amount_to"] == .string("120000"))  // amounts as strings, as Flywire sends them
        #expect(envelope["event_date"]?.string?.hasSuffix("Z") == true)
    }

    @Test func digestMatchesAnIndependentHMAC() {
        // RFC 4231, test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
        let expected = Data([0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
                             0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43]).base64EncodedString()
        #expect(Digest.flywireDigest(body: "what do ya want for nothing?", secret: "Jefe") == expected)
    }

    @Test func failedDeliveriesAreRetriedWithBackoffThenGivenUp() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment()
        let id = try #require(try await sandbox.notifications(payment.id).first?.id)
        let start = sandbox.database.clock(of: "demo").now()
        try await sandbox.database.recordAttempt(id, statusCode: 500, error: nil, retryBase: 10, maximumAttempts: 3)
        var row = try #require(try await sandbox.notifications(payment.id).first)
        #expect(row.attempts == 1 && row.state == .pending && abs(row.nextAttemptAt - (start + 10)) < 1)
        #expect(try await sandbox.database.dueNotifications(perClient: 10, limit: 10).isEmpty)
        try await sandbox.database.recordAttempt(id, statusCode: 302, error: nil, retryBase: 10, maximumAttempts: 3)  // 3xx is a failure
        row = try #require(try await sandbox.notifications(payment.id).first)
        #expect(row.attempts == 2 && abs(row.nextAttemptAt - (start + 20)) < 1)
        try await sandbox.database.recordAttempt(id, statusCode: nil, error: "connection refused", retryBase: 10, maximumAttempts: 3)
        #expect(try await sandbox.notifications(payment.id).first?.state == .failed)
        let attempts = try await sandbox.database.notifications(of: sandbox.demo, resource: payment.id, page: 1, perPage: 10).0.first { $0.0.id == id }?.1
        #expect(attempts?.map(\.statusCode) == [500, 302, nil])
    }

    @Test func idempotentAnswersAreStoredWithoutAnotherChange() async throws {
        let sandbox = try await SandboxFixture()
        let database = sandbox.database
        #expect(try begin(database, sandbox.demo, "alone") == .started)
        database.finishIdempotent(client: sandbox.demo, key: "alone", status: 200, body: "{}")
        for _ in 0..<200 where !database.runningIdempotentRequests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(database.runningIdempotentRequests.isEmpty)
        let reopened = try SandboxDatabase(path: sandbox.path, clients: [SandboxConfiguration.demoClient])
        #expect(try begin(reopened, sandbox.demo, "alone") == .replay(status: 200, body: "{}"))
    }

    /// A change that fails takes the answers it was storing down with it; they wait for the next.
    @Test func answersSurviveARolledBackChange() async throws {
        let sandbox = try await SandboxFixture(answerStorageDelay: .seconds(600))
        let database = sandbox.database
        #expect(try begin(database, sandbox.demo, "r") == .started)
        database.finishIdempotent(client: sandbox.demo, key: "r", status: 201, body: "{}")
        await #expect(throws: Problem.self) { try await database.chargeOrder("no-such-order", of: sandbox.demo) }
        #expect(database.runningIdempotentRequests.hasUnstored)
        #expect(try begin(database, sandbox.demo, "r") == .replay(status: 201, body: "{}"))
        _ = try await sandbox.order()
        #expect(database.runningIdempotentRequests.isEmpty)
        let reopened = try SandboxDatabase(path: sandbox.path, clients: [SandboxConfiguration.demoClient])
        #expect(try begin(reopened, sandbox.demo, "r") == .replay(status: 201, body: "{}"))
    }

    @Test func idempotencyKeys() async throws {
        let sandbox = try await SandboxFixture(answerStorageDelay: .seconds(600))
        let database = sandbox.database
        #expect(try begin(database, sandbox.demo, "k") == .started)
        #expect(try begin(database, sandbox.demo, "k") == .inProgress)  // the first still runs
        database.finishIdempotent(client: sandbox.demo, key: "k", status: 201, body: "{\"ok\":true}")
        // At once, from memory, before the answer is stored...
        #expect(try begin(database, sandbox.demo, "k") == .replay(status: 201, body: "{\"ok\":true}"))
        #expect(database.runningIdempotentRequests.hasUnstored)
        // ...stored with the next change...
        _ = try await sandbox.order()
        #expect(database.runningIdempotentRequests.isEmpty)
        // ...then from the database.
        #expect(try begin(database, sandbox.demo, "k") == .replay(status: 201, body: "{\"ok\":true}"))
        #expect(try begin(database, sandbox.demo, "k", hash: "other") == .mismatch)  // another body
        #expect(try begin(database, sandbox.other, "k", hash: "other") == .started)  // keys are per client
        // Stored: a restarted sandbox replays it too.
        let reopened = try SandboxDatabase(path: sandbox.path, clients: [SandboxConfiguration.demoClient])
        #expect(try begin(reopened, sandbox.demo, "k") == .replay(status: 201, body: "{\"ok\":true}"))
    }

    private func begin(_ database: SandboxDatabase, _ client: ClientRecord, _ key: String, hash: String = "h") throws -> SandboxDatabase.IdempotencyStart {
        try database.beginIdempotent(client: client, key: key, method: "POST", path: "/p", hash: hash)
    }
}
