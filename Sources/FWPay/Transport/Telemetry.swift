import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One telemetry event of a call: its start, the end of each attempt, its end (fwp_event).
public struct CallEvent: Sendable {
    public enum Kind: Sendable { case callStart, attemptEnd, callEnd }

    public var kind: Kind
    /// The same for every event of one call; unique within the process.
    public var callID: Int64
    public var timeUnixNanoseconds: Int64
    public var method: HTTPMethod
    /// "/recipients/{id}", or nil when the call's template is unknown (a raw request).
    public var urlTemplate: String?
    public var serverAddress: String
    public var serverPort: Int
    /// The attempt ended (attemptEnd), the attempts made (callEnd), 0 at the start.
    public var attempt: Int = 0
    public var httpStatus: Int = 0
    /// The failure of the attempt or of the call; nil on success and at the start.
    public var error: FWPayError?
    public var requestID: String?
    public var durationMilliseconds: Double = 0
    /// libcurl's timings of an attempt, or of the last one at the call's end; nil at the start.
    public var timings: CurlTimings?
    public var newConnection = false
    /// The tag of a started call (fwp_call_start), 0 for a blocking call.
    public var tag: UInt64 = 0
}

/// libcurl's times of one transfer, in milliseconds from its start (cumulative, as libcurl
/// gives them): name resolved, connected, TLS done, first byte of the answer.
public struct CurlTimings: Sendable {
    public var dns: Double, connect: Double, tls: Double, firstByte: Double

    init(of easy: UnsafeMutableRawPointer) {
        func milliseconds(_ info: CURLINFO) -> Double {
            var microseconds: curl_off_t = 0
            _ = fwp_curl_getinfo_off_t(easy, info, &microseconds)
            return Double(microseconds) / 1000
        }
        dns = milliseconds(CURLINFO_NAMELOOKUP_TIME_T)
        connect = milliseconds(CURLINFO_CONNECT_TIME_T)
        tls = milliseconds(CURLINFO_APPCONNECT_TIME_T)
        firstByte = milliseconds(CURLINFO_STARTTRANSFER_TIME_T)
    }
}

/// Where a client's telemetry events go; `none` costs a nil check per call.
public struct Telemetry: Sendable {
    let sink: (@Sendable (CallEvent) -> Void)?
    /// The kinds of event the sink takes.
    let kinds: Set<CallEvent.Kind>

    public init(kinds: Set<CallEvent.Kind> = [.callStart, .attemptEnd, .callEnd], sink: (@Sendable (CallEvent) -> Void)?) {
        self.kinds = kinds
        self.sink = sink
    }

    static let none = Telemetry(sink: nil)

    private static let lastCallID = Atomic<Int64>(0)

    /// Starts observing one call, reporting its start; nil when nobody listens.
    func observe(_ request: HTTPRequest, server: (address: String, port: Int), tag: UInt64) -> ObservedCall? {
        guard let sink else { return nil }
        let call = ObservedCall(sink: sink, kinds: kinds, start: CallEvent(
            kind: .callStart, callID: Self.lastCallID.add(1, ordering: .relaxed).newValue,
            timeUnixNanoseconds: Clock.unixNanoseconds(), method: request.method, urlTemplate: request.template,
            serverAddress: server.address, serverPort: server.port, tag: tag))
        if kinds.contains(.callStart) { sink(call.start) }
        return call
    }
}

/// The events of one call in flight, reported as it goes.
struct ObservedCall {
    let sink: @Sendable (CallEvent) -> Void
    let kinds: Set<CallEvent.Kind>
    let start: CallEvent
    private let startedMonotonic = Clock.monotonicMilliseconds()
    /// The last attempt's timings and connection, which the call's end repeats.
    private var lastTimings: CurlTimings?
    private var lastNewConnection = false

    init(sink: @escaping @Sendable (CallEvent) -> Void, kinds: Set<CallEvent.Kind>, start: CallEvent) {
        self.sink = sink
        self.kinds = kinds
        self.start = start
    }

    mutating func attemptEnded(_ attempt: Int, status: Int, error: FWPayError?, requestID: String?, milliseconds: Double,
                               timings: CurlTimings, newConnection: Bool) {
        lastTimings = timings
        lastNewConnection = newConnection
        guard kinds.contains(.attemptEnd) else { return }
        var event = reported(.attemptEnd, attempt: attempt, status: status, error: error, requestID: requestID)
        event.durationMilliseconds = milliseconds
        event.timings = timings
        event.newConnection = newConnection
        sink(event)
    }

    func ended(attempts: Int, status: Int, error: FWPayError?, requestID: String?) {
        guard kinds.contains(.callEnd) else { return }
        var event = reported(.callEnd, attempt: attempts, status: status, error: error, requestID: requestID)
        event.durationMilliseconds = Clock.monotonicMilliseconds() - startedMonotonic
        event.timings = lastTimings
        event.newConnection = lastNewConnection
        sink(event)
    }

    /// The call's start event made into a later one, timed now.
    private func reported(_ kind: CallEvent.Kind, attempt: Int, status: Int, error: FWPayError?, requestID: String?) -> CallEvent {
        var event = start
        event.kind = kind
        event.timeUnixNanoseconds = Clock.unixNanoseconds()
        event.attempt = attempt
        event.httpStatus = status
        event.error = error
        event.requestID = requestID
        return event
    }
}

/// The clocks of the transport: wall time for events, monotonic time for durations.
enum Clock {
    /// Nanoseconds since the Unix epoch (CLOCK_REALTIME).
    static func unixNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Milliseconds on CLOCK_MONOTONIC, which no change of the wall clock moves.
    static func monotonicMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}
