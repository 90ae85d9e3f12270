import Testing

@testable import FWPay

/// The client's own bound on requests a minute: a request past it waits for the oldest of the
/// last `limit` to be a minute old, or is refused when that is further away than its timeout.
@Suite struct RequestRateTests {
    @Test func theFirstRequestsGoAtOnceThenEachWaitsForTheOldestToAge() {
        let rate = RequestRate(limit: 2)
        #expect(rate.slot(now: 0, patience: 80_000) == 0)
        #expect(rate.slot(now: 10, patience: 80_000) == 10)
        #expect(rate.slot(now: 20, patience: 80_000) == 60_000)  // the oldest, at 0, is a minute old
        #expect(rate.slot(now: 30, patience: 80_000) == 60_010)
        #expect(rate.slot(now: 200_000, patience: 0) == 200_000)  // long after: at once again
    }

    @Test func aWaitLongerThanTheTimeoutTakesNoSlot() {
        let rate = RequestRate(limit: 1)
        #expect(rate.slot(now: 0, patience: 1_000) == 0)
        #expect(rate.slot(now: 10, patience: 1_000) == nil)
        #expect(rate.slot(now: 20, patience: 1_000) == nil)  // the refused ones took nothing
        #expect(rate.slot(now: 60_000, patience: 1_000) == 60_000)
        #expect(rate.refusal("GET /recipients").kind == .rateLimited)
    }
}
