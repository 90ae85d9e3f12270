/// A client's own bound on requests a minute (`max_requests_per_minute`), kept below a
/// server's: a third-party profile of Flywire says an IP is blocked for 10 minutes past 500
/// requests a minute (real-api-evidence.md), which a burst of started calls could reach.
///
/// Each request (each attempt of a call) takes a slot: at once while fewer than `limit` were
/// sent in the last minute, else when the oldest of the last `limit` is a minute old. The
/// caller waits until its slot (the blocking driver sleeps, CallEngine holds the transfer in
/// its list); a call whose slot is further away than its timeout fails with `rateLimited`
/// before anything is sent.
final class RequestRate: Sendable {
    let limit: Int
    /// The times of the last `limit` slots given, oldest first (monotonic milliseconds).
    private let given: Locked<[Double]>

    init(limit: Int) {
        self.limit = limit
        given = Locked([])
    }

    /// The monotonic time at which a request may be sent, taking that slot; nil (and no slot
    /// taken) when it is more than `patience` milliseconds away.
    func slot(now: Double, patience: Double) -> Double? {
        given.withLock { times in
            let at = times.count < limit ? now : max(now, times[times.count - limit] + 60_000)
            guard at - now <= patience else { return nil }
            times.append(at)
            if times.count > limit { times.removeFirst(times.count - limit) }
            return at
        }
    }

    /// The error of a call that would wait longer than its timeout for a slot.
    func refusal(_ name: String) -> FWPayError {
        FWPayError(.rateLimited, "\(name) was not sent: this client's max_requests_per_minute (\(limit)) is used up for longer than the call's timeout")
    }
}
