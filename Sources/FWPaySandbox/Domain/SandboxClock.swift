import Foundation
import Synchronization

/// A client's test clock: real time plus an offset that `POST /sandbox/clock/advance` grows,
/// so tests can make holding periods, expiries and delays pass at once. The offset is stored
/// in the database, so a restarted sandbox keeps its time.
final class SandboxClock: Sendable {
    private let offset: Mutex<Double>

    init(offset: Double = 0) {
        self.offset = Mutex(offset)
    }

    /// Seconds since 1970 on the sandbox's clock.
    func now() -> Double {
        Date().timeIntervalSince1970 + offset.withLock { $0 }
    }

    var currentOffset: Double { offset.withLock { $0 } }

    func advance(by seconds: Double) {
        offset.withLock { $0 += seconds }
    }

    func returnToRealTime() {
        offset.withLock { $0 = 0 }
    }

    /// "2020-10-20 17:41:27 UTC", as Flywire writes `created_at`.
    func timestamp(_ seconds: Double? = nil) -> String {
        Self.format(seconds ?? now(), separator: " ", suffix: " UTC")
    }

    /// "2024-05-20T10:15:00Z", as notifications write `event_date`.
    func isoTimestamp(_ seconds: Double? = nil) -> String {
        Self.format(seconds ?? now(), separator: "T", suffix: "Z")
    }

    /// "2025-10-21T16:25:15.117+00:00", as Flywire writes a session's `expires_at`.
    func offsetTimestamp(_ seconds: Double) -> String {
        let milliseconds = Int((seconds - seconds.rounded(.down)) * 1000)
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return Self.format(seconds, separator: "T", suffix: ".\(fraction)+00:00")
    }

    /// (year, month, day) of a time on the sandbox clock, in UTC.
    static func date(_ seconds: Double) -> (year: Int, month: Int, day: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    private static func format(_ seconds: Double, separator: String, suffix: String) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))\(separator)"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))\(suffix)"
    }
}
