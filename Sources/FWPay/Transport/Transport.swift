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
    private let pool = CurlHandlePool()

    init(settings: TransportSettings) {
        self.settings = settings
        server = settings.server
        _ = CurlTransfer.globalInitialization
    }

    var logger: Logger { settings.logger }

    /// Sends `request` and returns the parsed answer (`.null` for an empty 2xx body), reporting
    /// the call's events to the client's telemetry.
    func send(_ request: HTTPRequest, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let settings = settings.applying(options)
        if let body = request.body, body.count > Self.maximumRequestBytes {
            throw FWPayError(.invalidArgument, "the request body is \(body.count) bytes; the limit is \(Self.maximumRequestBytes)")
        }
        var attempts = CallAttempts(request, settings: settings, server: server)
        while true {
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

    /// Largest request body sent; Flywire's requests are small, and this bounds memory.
    static let maximumRequestBytes = 1 << 20

    private func sleep(milliseconds: Int) {
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var requested = remaining
        while nanosleep(&requested, &remaining) != 0 && errno == EINTR { requested = remaining }
    }
}
