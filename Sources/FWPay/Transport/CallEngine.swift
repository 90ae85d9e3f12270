import CCurl
import CLinux

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Requests in flight without a thread each: one I/O thread per client drives all of them
/// with libcurl's multi interface, under the same rules as the blocking calls (CallAttempts
/// decides retries, keys and unknown outcomes for both drivers).
///
/// One thread per client rather than per process: a client's settings (its bound on calls in
/// flight, its connections per host) belong to its own multi handle, and freeing the client
/// ends its thread. The thread starts with the client's first started call, so a program that
/// only makes blocking calls has none.
///
/// Admission: at most `maximumInFlight` transfers run at once; the rest wait in a list (not on
/// threads), as do retries until their delay is over and requests until the client's
/// RequestRate gives them a slot. libcurl holds a transfer back while its host has
/// `maximumHostConnections` connections (0: no bound but the one on transfers).
///
/// Fork: the thread does not exist in a child of fork(). A child's first started call makes
/// an engine of its own (Transport checks ForkSafeLock's generation); the parent's is left as it
/// is, never touched, since its connections are the parent's.
final class CallEngine: @unchecked Sendable {
    /// One request of a started call: its attempts, and who hears how it ended.
    /// Handed from the starting thread to the I/O thread once; only the I/O thread touches it then.
    final class Transfer: @unchecked Sendable {
        let call: UInt64
        let request: HTTPRequest
        let settings: TransportSettings
        var attempts: CallAttempts
        let ended: (Result<Reply, FWPayError>) -> Void
        fileprivate var exchange: CurlExchange?
        fileprivate var attemptStarted = 0.0
        fileprivate var dueAt = 0.0
        /// Whether an earlier attempt may have reached the server (for a cancellation).
        fileprivate var reachedServer = false
        /// Whether the next attempt already holds its slot of the client's RequestRate.
        fileprivate var holdsSlot = false

        init(call: UInt64, tag: UInt64, request: HTTPRequest, settings: TransportSettings, server: (address: String, port: Int),
             ended: @escaping (Result<Reply, FWPayError>) -> Void) {
            self.call = call
            self.request = request
            self.settings = settings
            attempts = CallAttempts(request, settings: settings, server: server, tag: tag)
            self.ended = ended
        }
    }

    /// The fork generation (ForkSafeLock) of the process this engine's thread runs in.
    let generation: Int
    let maximumInFlight: Int
    private let rate: RequestRate?
    private let multi: UnsafeMutableRawPointer

    private struct Inbox {
        var started: [Transfer] = []
        var cancelled: [UInt64] = []
        var stopping = false
    }
    private let inbox = Locked(Inbox())

    // Only the I/O thread touches these.
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]
    private var waiting: [Transfer] = []
    private var waitingHead = 0
    private var delayed: [Transfer] = []
    private var byCall: [UInt64: Transfer] = [:]
    private var idleHandles: [CurlHandlePool.Handle] = []
    private static let idleHandleLimit = 64

    init(generation: Int, maximumInFlight: Int, maximumHostConnections: Int, rate: RequestRate?) throws(FWPayError) {
        _ = CurlTransfer.globalInitialization
        guard let multi = curl_multi_init() else { throw FWPayError.noMemory }
        self.multi = multi
        self.generation = generation
        self.maximumInFlight = maximumInFlight
        self.rate = rate
        _ = fwp_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maximumHostConnections)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        guard pthread_create(&thread, nil, { context in
            let engine = Unmanaged<CallEngine>.fromOpaque(context!).takeRetainedValue()
            fwp_name_thread("fwpay-io")
            engine.run()
            return nil
        }, context) == 0 else {
            Unmanaged<CallEngine>.fromOpaque(context).release()
            curl_multi_cleanup(multi)
            throw FWPayError(.noMemory, "could not start the client's I/O thread")
        }
        pthread_detach(thread)
    }

    /// Hands a request to the I/O thread; `transfer.ended` is called there when it ends.
    func start(_ transfer: Transfer) {
        inbox.withLock { $0.started.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Cancels the request of `call` in flight, if any (it ends as CallAttempts.cancelled says).
    func cancel(call: UInt64) {
        inbox.withLock { $0.cancelled.append(call) }
        curl_multi_wakeup(multi)
    }

    /// Cancels everything in flight and ends the thread (the client was freed).
    func stop() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let (started, cancelled, stopping) = inbox.withLock { inbox in
                defer { inbox.started = []; inbox.cancelled = [] }
                return (inbox.started, inbox.cancelled, inbox.stopping)
            }
            for transfer in started {
                byCall[transfer.call] = transfer
                waiting.append(transfer)
            }
            for call in cancelled { cancel(byCall[call]) }
            if stopping {
                for transfer in Array(byCall.values) { cancel(transfer) }
                // Cancelling may have started further requests of a call (its replay saw the
                // error); they are cancelled too.
                if inbox.withLock({ $0.started.isEmpty }) { break }
                continue
            }
            wakeDelayed()
            admit()
            var active: Int32 = 0
            curl_multi_perform(multi, &active)
            var result = CURLE_OK
            while let easy = fwp_curl_multi_done(multi, &result) { finish(easy, result) }
            admit()
            var timeout = 1000
            curl_multi_timeout(multi, &timeout)
            if timeout < 0 || timeout > 1000 { timeout = 1000 }
            if let soonest = delayed.map(\.dueAt).min() {
                timeout = max(0, min(timeout, Int(soonest - Clock.monotonicMilliseconds()) + 1))
            }
            if timeout > 0 { curl_multi_poll(multi, nil, 0, Int32(timeout), nil) }
        }
        for handle in idleHandles { curl_easy_cleanup(handle.raw) }
        curl_multi_cleanup(multi)
    }

    /// Starts waiting transfers while fewer than `maximumInFlight` run.
    private func admit() {
        while running.count < maximumInFlight && waitingHead < waiting.count {
            let transfer = waiting[waitingHead]
            waitingHead += 1
            begin(transfer)
        }
        if waitingHead > 0 && waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        }
    }

    private func begin(_ transfer: Transfer) {
        if let rate, !transfer.holdsSlot {
            let now = Clock.monotonicMilliseconds()
            guard let at = rate.slot(now: now, patience: Double(transfer.settings.timeoutMilliseconds)) else {
                let name = "\(transfer.request.method.rawValue) \(transfer.request.path)"
                end(transfer, .failure(transfer.attempts.unsent(rate.refusal(name))))
                return
            }
            if at > now {  // its turn comes later: it waits in the list of delayed transfers
                transfer.holdsSlot = true
                transfer.dueAt = at
                delayed.append(transfer)
                return
            }
        }
        transfer.holdsSlot = false
        guard let handle = idleHandles.popLast() ?? curl_easy_init().map(CurlHandlePool.Handle.init(raw:)) else {
            end(transfer, .failure(.noMemory))
            return
        }
        let attempts = transfer.attempts
        transfer.exchange = CurlExchange(transfer.request, url: attempts.url, headers: attempts.headers,
                                         settings: transfer.settings, mayResend: attempts.repeatable, on: handle)
        transfer.attemptStarted = Clock.monotonicMilliseconds()
        running[handle.raw] = transfer
        curl_multi_add_handle(multi, handle.raw)
    }

    private func finish(_ easy: UnsafeMutableRawPointer, _ result: CURLcode) {
        guard let transfer = running.removeValue(forKey: easy), let exchange = transfer.exchange else { return }
        curl_multi_remove_handle(multi, easy)
        transfer.exchange = nil
        let outcome = exchange.outcome(of: result)
        let elapsed = Int(Clock.monotonicMilliseconds() - transfer.attemptStarted)
        let timings = transfer.attempts.wantsTimings ? CurlTimings(of: easy) : nil
        switch outcome {
        case .answered:
            transfer.reachedServer = true
            curl_easy_reset(easy)
            if idleHandles.count < Self.idleHandleLimit { idleHandles.append(exchange.handle) } else { curl_easy_cleanup(easy) }
        case .failed(_, _, let requestSent):
            transfer.reachedServer = transfer.reachedServer || requestSent
            curl_easy_cleanup(easy)
        }
        switch transfer.attempts.settle(outcome, milliseconds: elapsed, timings: timings) {
        case .retry(let milliseconds):
            transfer.dueAt = Clock.monotonicMilliseconds() + Double(milliseconds)
            delayed.append(transfer)
        case .finished(let reply): end(transfer, .success(reply))
        case .failed(let error): end(transfer, .failure(error))
        }
    }

    /// Retries whose delay is over go back to the waiting list.
    private func wakeDelayed() {
        guard !delayed.isEmpty else { return }
        let now = Clock.monotonicMilliseconds()
        var still: [Transfer] = []
        for transfer in delayed {
            if transfer.dueAt <= now { waiting.append(transfer) } else { still.append(transfer) }
        }
        delayed = still
    }

    private func cancel(_ transfer: Transfer?) {
        guard let transfer else { return }
        var mayHaveReachedServer = transfer.reachedServer
        if let exchange = transfer.exchange {
            var sent = 0
            _ = fwp_curl_getinfo_long(exchange.handle.raw, CURLINFO_REQUEST_SIZE, &sent)
            // A body libcurl began to read may be on its way; headers alone commit nothing.
            mayHaveReachedServer = mayHaveReachedServer || exchange.bodyStarted || sent > 0
            curl_multi_remove_handle(multi, exchange.handle.raw)
            running.removeValue(forKey: exchange.handle.raw)
            exchange.abandon()
            curl_easy_cleanup(exchange.handle.raw)
            transfer.exchange = nil
        } else if let index = delayed.firstIndex(where: { $0 === transfer }) {
            delayed.remove(at: index)
        } else if let index = waiting[waitingHead...].firstIndex(where: { $0 === transfer }) {
            waiting.remove(at: index)
        }
        end(transfer, .failure(transfer.attempts.cancelled(mayHaveReachedServer: mayHaveReachedServer)))
    }

    private func end(_ transfer: Transfer, _ result: Result<Reply, FWPayError>) {
        byCall.removeValue(forKey: transfer.call)
        transfer.ended(result)
    }
}
