import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sends requests over libcurl, one blocking transfer at a time per calling thread, and turns
/// answers into replies or `FWPayError`s under the rules of CallAttempts (retries, keys,
/// unknown outcomes), which it does not decide itself.
final class Transport: Sendable {
    let settings: TransportSettings
    /// The base URL's host and port, for telemetry.
    let server: (address: String, port: Int)
    private let pool: CurlHandlePool
    /// The I/O thread of started calls, made by the first (CallEngine).
    private let engine = EngineSlot()
    /// The client's own bound on requests a minute, shared by both drivers; nil for none.
    let rate: RequestRate?
    /// Set when this transport replays a started call (StartedCall): its requests are
    /// answered from the log, or recorded there to be sent, never sent from here.
    private let replay: ReplayLog?

    init(settings: TransportSettings) {
        self.settings = settings
        server = settings.server
        pool = CurlHandlePool()
        rate = settings.maximumRequestsPerMinute > 0 ? RequestRate(limit: settings.maximumRequestsPerMinute) : nil
        replay = nil
        _ = CurlTransfer.globalInitialization
    }

    /// A transport answering from `log`, with `base`'s settings.
    init(replaying log: ReplayLog, as base: Transport) {
        settings = base.settings
        server = base.server
        pool = base.pool
        rate = base.rate
        replay = log
    }

    deinit {
        engine.stop()
    }

    var logger: Logger { settings.logger }

    /// Sends `request` and returns the parsed answer (`.null` for an empty 2xx body), reporting
    /// the call's events to the client's telemetry.
    func send(_ request: HTTPRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Self.checkSize(request)
        if let replay { return try replay.answer(request, options: options) }
        let settings = settings.applying(options)
        var attempts = CallAttempts(request, settings: settings, server: server)
        while true {
            if let rate {
                let now = Clock.monotonicMilliseconds()
                guard let at = rate.slot(now: now, patience: Double(settings.timeoutMilliseconds)) else {
                    throw attempts.unsent(rate.refusal("\(request.method.rawValue) \(request.path)"))
                }
                if at > now { sleep(milliseconds: Int(at - now)) }
            }
            guard let handle = pool.take() else { throw FWPayError.noMemory }
            let started = Clock.monotonicMilliseconds()
            let outcome = CurlTransfer.perform(request, url: attempts.url, headers: attempts.headers, settings: settings,
                                               mayResend: attempts.repeatable, on: handle)
            let elapsed = Int(Clock.monotonicMilliseconds() - started)
            let timings = attempts.wantsTimings ? CurlTimings(of: handle.raw) : nil
            if case .answered = outcome { pool.give(back: handle) } else { pool.discard(handle) }
            switch attempts.settle(outcome, milliseconds: elapsed, timings: timings) {
            case .finished(let reply): return reply
            case .failed(let error): throw error
            case .retry(let milliseconds): sleep(milliseconds: milliseconds)
            }
        }
    }

    /// Sends `request` from the client's I/O thread, without waiting: `ended` is called there
    /// when it ends. `call` names it to `cancel(call:)`; `tag` is the caller's, for telemetry.
    func start(_ request: HTTPRequest, options: CallOptions, call: UInt64, tag: UInt64,
               ended: @escaping (Result<Reply, FWPayError>) -> Void) throws(FWPayError) {
        try Self.checkSize(request)
        try engine.forThisProcess(settings, rate: rate).start(CallEngine.Transfer(call: call, tag: tag, request: request, settings: settings.applying(options),
                                                                      server: server, ended: ended))
    }

    /// Cancels the request of a started call, if it is in flight.
    func cancel(call: UInt64) {
        engine.ofThisProcess?.cancel(call: call)
    }

    private static func checkSize(_ request: HTTPRequest) throws(FWPayError) {
        if let body = request.body, body.count > maximumRequestBytes {
            throw FWPayError(.invalidArgument, "the request body is \(body.count) bytes; the limit is \(maximumRequestBytes)")
        }
    }

    /// Largest request body sent; Flywire's requests are small, and this bounds memory.
    static let maximumRequestBytes = 1 << 20

    private func sleep(milliseconds: Int) {
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var requested = remaining
        while nanosleep(&requested, &remaining) != 0 && errno == EINTR { requested = remaining }
    }
}

/// A client's CallEngine, made on first use, and made again in a child of fork() (whose
/// process has none of its parent's threads).
private final class EngineSlot: @unchecked Sendable {
    // Guarded by ForkSafeLock.
    private var engine: CallEngine?

    func forThisProcess(_ settings: TransportSettings, rate: RequestRate?) throws(FWPayError) -> CallEngine {
        if let engine = ofThisProcess { return engine }
        let made = try CallEngine(generation: ForkSafeLock.withLock { ForkSafeLock.generation },
                                  maximumInFlight: settings.maximumInFlight, maximumHostConnections: settings.maximumHostConnections,
                                  rate: rate)
        return ForkSafeLock.withLock { () -> CallEngine in
            if let engine, engine.generation == ForkSafeLock.generation {
                made.stop()  // another thread made one meanwhile
                return engine
            }
            engine = made
            return made
        }
    }

    var ofThisProcess: CallEngine? {
        ForkSafeLock.withLock { engine?.generation == ForkSafeLock.generation ? engine : nil }
    }

    func stop() {
        ofThisProcess?.stop()
    }
}
