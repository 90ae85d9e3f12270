import Testing

@testable import FWPaySandbox

/// The payment lifecycle of flywire-api.md §4: magic values, changes over time on the test
/// clock, forced transitions.
@Suite struct LifecycleTests {
    @Test func magicValuesChooseTheOutcome() async throws {
        let sandbox = try await SandboxFixture()
        #expect(try await sandbox.status(sandbox.payment(firstName: "SANDBOX_TO_GUARANTEED_STATUS").id) == .guaranteed)
        #expect(try await sandbox.status(sandbox.payment(firstName: "SANDBOX_TO_DELIVERED_STATUS").id) == .delivered)
        #expect(try await sandbox.status(sandbox.payment(firstName: "SANDBOX_TO_CANCEL_STATUS").id) == .cancelled)
        #expect(try await sandbox.status(sandbox.payment(firstName: "Peter").id) == .initiated)
    }

    @Test func verificationTakesTwoHours() async throws {
        let sandbox = try await SandboxFixture()
        let passes = try await sandbox.payment(firstName: "SANDBOX_TO_VERIFICATION").id
        let fails = try await sandbox.payment(firstName: "SANDBOX_TO_VERIFICATION_FAILED").id
        #expect(try sandbox.status(passes) == .processed)
        _ = try await sandbox.database.advanceClock(by: 7_100, of: sandbox.demo)
        #expect(try sandbox.status(passes) == .processed)
        _ = try await sandbox.database.advanceClock(by: 200, of: sandbox.demo)
        #expect(try sandbox.status(passes) == .guaranteed)
        #expect(try sandbox.status(fails) == .cancelled)
        #expect(try sandbox.database.payment(fails, of: sandbox.demo)?.reason == "verification_failed")
    }

    @Test func cancelledBackToProcess() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment(firstName: "SANDBOX_CANCELLED_BACK_TO_PROCESS_STATUS").id
        #expect(try sandbox.status(payment) == .cancelled)
        _ = try await sandbox.database.advanceClock(by: 3_601, of: sandbox.demo)
        #expect(try sandbox.status(payment) == .processed)
    }

    @Test func bankTransfersAreCancelledAfterEightDays() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment().id
        _ = try await sandbox.database.advanceClock(by: 8 * 86_400 - 60, of: sandbox.demo)
        #expect(try sandbox.status(payment) == .initiated)
        _ = try await sandbox.database.advanceClock(by: 120, of: sandbox.demo)
        #expect(try sandbox.status(payment) == .cancelled)
        #expect(try sandbox.database.payment(payment, of: sandbox.demo)?.reason == "funds_not_received")
    }

    @Test func aJumpOfManyDaysKeepsTheSpacingOfChanges() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment(firstName: "SANDBOX_TO_VERIFICATION").id
        _ = try await sandbox.database.advanceClock(by: 30 * 86_400, of: sandbox.demo)
        // processed -> guaranteed after 2 h -> delivered 2 days after that.
        #expect(try sandbox.status(payment) == .delivered)
        let history = try await sandbox.database.history(of: payment).map(\.status.rawValue)
        #expect(history == ["initiated", "processed", "guaranteed", "delivered"])
    }

    @Test func processMarksA529PaymentProcessed() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment().id
        #expect(try await sandbox.database.processPayment(payment, of: sandbox.demo).status == .processed)
        #expect(await problem { try await sandbox.database.processPayment(payment, of: sandbox.demo) }?.errors.first?.type == "invalid_status")
        _ = try await sandbox.database.advanceClock(by: 86_401, of: sandbox.demo)
        #expect(try sandbox.status(payment) == .guaranteed)
    }

    @Test func forcedTransitionsFollowTheLifecycle() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment().id
        #expect(try await sandbox.database.forceTransition(payment, to: .processed, reason: nil, of: sandbox.demo).status == .processed)
        let refused = await problem { try await sandbox.database.forceTransition(payment, to: .authorized, reason: nil, of: sandbox.demo) }
        #expect(refused?.errors.first?.message == "cannot change from processed to authorized")
        let failed = try await sandbox.database.forceTransition(payment, to: .failed, reason: "declined", of: sandbox.demo)
        #expect(failed.status == .failed && failed.reasonCode == "05")
        #expect(await problem { try await sandbox.database.forceTransition(payment, to: .processed, reason: nil, of: sandbox.other) }?.status == .notFound)
    }

    @Test func cancelOnlyBeforeProcessing() async throws {
        let sandbox = try await SandboxFixture()
        let payment = try await sandbox.payment().id
        #expect(try await sandbox.database.cancelPayment(payment, of: sandbox.demo).status == .cancelled)
        let delivered = try await sandbox.payment(firstName: "SANDBOX_TO_DELIVERED_STATUS").id
        #expect(await problem { try await sandbox.database.cancelPayment(delivered, of: sandbox.demo) }?.errors.first?.message
                == "cannot be cancelled; it is delivered")
    }
}
