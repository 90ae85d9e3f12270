import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sends requests over libcurl and turns answers into replies or `FWPayError`s.
///
/// Retries (design.md, "Transport and safety of money-moving calls"): a request that never
/// reached the server is retried whatever its method; a GET is also retried after a timeout,
/// a dropped connection or a 5xx. A POST or PATCH whose outcome is unknown is retried only
/// when the caller said the server deduplicates by `Idempotency-Key` (`serverDeduplicates`);
/// otherwise the caller gets `outcomeUnknown` with the key. A 429 is never retried.
///
/// Nothing a server answers turns such retries on: an echoed `Idempotency-Key` once did, for
/// every later POST of the client, and one echo on any path, even a 404, made a server that
/// does not deduplicate charge three times (security-findings-3.md N4).
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
        var call = settings.telemetry.observe(request, server: server)
        var attempts = 0
        guard call != nil else { return try exchange(request, settings: settings, call: &call, attempts: &attempts) }
        do throws(FWPayError) {
            let reply = try exchange(request, settings: settings, call: &call, attempts: &attempts)
            call?.ended(attempts: attempts, status: reply.httpStatus, error: nil, requestID: reply.requestID)
            return reply
        } catch {
            call?.ended(attempts: attempts, status: error.httpStatus ?? 0, error: error, requestID: error.requestID)
            throw error
        }
    }

    /// The attempts of one call, retried as the rules above say; `attempts` counts them.
    private func exchange(_ request: HTTPRequest, settings: TransportSettings, call: inout ObservedCall?,
                          attempts: inout Int) throws(FWPayError) -> Reply {
        let url = (request.atRoot ? settings.rootURL : settings.baseURL) + request.path
        var headers = [
            "X-Authentication-Key: \(settings.apiKey)",
            "Accept: application/json",
            // No "Expect: 100-continue" round trip before larger bodies.
            "Expect:",
        ]
        if request.method != .get { headers.append("Content-Type: application/json") }
        if let key = request.idempotencyKey { headers.append("Idempotency-Key: \(key.value)") }
        let name = "\(request.method.rawValue) \(request.path)"

        var attempt = 0
        while true {
            guard let handle = pool.take() else { throw FWPayError.noMemory }
            let repeatable = request.method.isSafeToRepeat || (settings.serverDeduplicates && request.idempotencyKey != nil)
            let started = monotonicMilliseconds()
            let outcome = CurlTransfer.perform(request, url: url, headers: headers, settings: settings,
                                               mayResend: repeatable, on: handle)
            let elapsed = monotonicMilliseconds() - started
            attempts = attempt + 1
            let timings = call == nil ? nil : CurlTimings(of: handle.raw)
            switch outcome {
            case .answered(let response, let newConnection):
                pool.give(back: handle)
                logger.log(response.status < 400 ? .info : .warning,
                           "\(name) -> \(response.status) in \(elapsed) ms (attempt \(attempt + 1)\(response.requestID.map { ", request \($0)" } ?? ""))")
                logger.log(.debug, "\(name) used \(newConnection ? "a new connection" : "a kept-alive connection")")
                if let timings {
                    let problem = response.status >= 400
                        ? Problem.error(from: response, idempotencyKey: request.idempotencyKey?.value) : nil
                    call?.attemptEnded(attempt + 1, status: response.status, error: problem,
                                      requestID: response.requestID.map(redacted), milliseconds: Double(elapsed),
                                      timings: timings, newConnection: newConnection)
                }
                if (200..<300).contains(response.status) {
                    let decoded: (value: JSONValue, exact: Bool)
                    do throws(FWPayError) { decoded = try decode(response, for: request) } catch { throw redacted(error) }
                    var reply = Reply(value: decoded.value, httpStatus: response.status,
                                      requestID: response.requestID.map(redacted), idempotencyKey: request.idempotencyKey?.value)
                    if decoded.exact { reply.text = response.body }
                    return reply
                }
                if response.status >= 500, request.method.isSafeToRepeat, attempt < settings.maximumRetries {
                    attempt += 1
                    pause(beforeRetry: attempt, settings: settings, reason: "\(name) answered \(response.status)")
                    continue
                }
                throw redacted(Problem.error(from: response, idempotencyKey: request.idempotencyKey?.value))
            case .failed(let curlCode, let message, let requestSent):
                pool.discard(handle)
                logger.log(.warning, "\(name) failed in \(elapsed) ms (attempt \(attempt + 1)): curl \(curlCode): \(message)")
                let error = redacted(failure(curlCode: curlCode, message: message, requestSent: requestSent,
                                             request: request, attempts: attempt + 1))
                if let timings {
                    call?.attemptEnded(attempt + 1, status: 0, error: error, requestID: nil, milliseconds: Double(elapsed),
                                      timings: timings, newConnection: true)
                }
                if !Self.isTLSFailure(curlCode), !requestSent || repeatable, attempt < settings.maximumRetries {
                    attempt += 1
                    pause(beforeRetry: attempt, settings: settings, reason: requestSent ? "\(name) got no answer" : "\(name) could not connect")
                    continue
                }
                throw error
            }
        }
    }

    /// Largest request body sent; Flywire's requests are small, and this bounds memory.
    static let maximumRequestBytes = 1 << 20

    /// The answer's value, and whether its bytes say exactly that value (valid JSON naming no
    /// member twice), so that they may be handed on as they are.
    private func decode(_ response: HTTPResponse, for request: HTTPRequest) throws(FWPayError) -> (value: JSONValue, exact: Bool) {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return (.null, false) }
        do throws(FWPayError) {
            if let exact = try JSONValue(parsingAnswerWithoutRepeats: response.body) { return (exact, true) }
            return (try JSONValue(parsing: response.body), false)
        } catch {
            let what = error.kind == .invalidJSON ? "is not JSON" : "cannot be read"
            throw FWPayError(.badResponse, "HTTP \(response.status) answer to \(request.method.rawValue) \(what): \(error.message)",
                             httpStatus: response.status, requestID: response.requestID,
                             idempotencyKey: request.idempotencyKey?.value)
        }
    }

    private func failure(curlCode: Int, message: String, requestSent: Bool, request: HTTPRequest,
                         attempts: Int) -> FWPayError {
        let tries = attempts == 1 ? "" : " (after \(attempts) attempts)"
        let key = request.idempotencyKey?.value
        if Self.isTLSFailure(curlCode) {
            // Retrying cannot help, and "could not reach the server" would hide the fix.
            let host = settings.baseURL.split(separator: "/").dropFirst(1).first.map(String.init) ?? "the server"
            return FWPayError(.tls, "TLS with \(host) failed: \(message). If a proxy or your own CA signs its certificate, give "
                              + "that CA's PEM file as ca_bundle (or FWPAY_CA_BUNDLE, or SSL_CERT_FILE); nothing was sent",
                              curlCode: curlCode, idempotencyKey: key)
        }
        if !requestSent {
            return FWPayError(.connection, "could not reach the server\(tries): \(message)", curlCode: curlCode, idempotencyKey: key)
        }
        if !request.method.isSafeToRepeat {
            return FWPayError(.outcomeUnknown,
                              "\(request.method.rawValue) \(request.path) was sent but no answer came back\(tries) (\(message)); it may have taken effect: look it up, or retry with Idempotency-Key \(key ?? "-"), before doing it again",
                              curlCode: curlCode, idempotencyKey: key)
        }
        let timedOut = curlCode == Int(CURLE_OPERATION_TIMEDOUT.rawValue)
        return FWPayError(timedOut ? .timeout : .connection, "\(request.method.rawValue) \(request.path) failed\(tries): \(message)",
                          curlCode: curlCode, idempotencyKey: key)
    }

    /// libcurl's codes for a failed TLS handshake or an untrusted certificate: the TLS kind.
    static func isTLSFailure(_ curlCode: Int) -> Bool {
        [CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
         CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
         CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED].contains { Int($0.rawValue) == curlCode }
    }

    /// Sleeps before retry number `attempt` (1-based): exponential backoff with jitter.
    private func pause(beforeRetry attempt: Int, settings: TransportSettings, reason: String) {
        let ceiling = min(settings.maximumRetryDelayMilliseconds,
                          settings.initialRetryDelayMilliseconds << min(attempt - 1, 16))
        let milliseconds = Int.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
        logger.log(.info, "retry \(attempt) of \(settings.maximumRetries) in \(milliseconds) ms: \(reason)")
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var requested = remaining
        while nanosleep(&requested, &remaining) != 0 && errno == EINTR { requested = remaining }
    }

    private func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    /// The API key must never reach an error, even if a server or a proxy echoes it: not its
    /// message, its request id, nor the strings of its `errors` (finding L2).
    private func redacted(_ error: FWPayError) -> FWPayError {
        guard !settings.apiKey.isEmpty else { return error }
        var copy = error
        copy.message = redacted(copy.message)
        copy.requestID = copy.requestID.map(redacted)
        copy.errors = copy.errors.map(redacted)
        return copy
    }

    private func redacted(_ text: String) -> String {
        text.contains(settings.apiKey) ? text.replacing(settings.apiKey, with: "[REDACTED]") : text
    }

    private func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redacted(text))
        case .array(let elements): .array(elements.map(redacted))
        case .object(let object): .object(JSONObject(object.members.map { (redacted($0.key), redacted($0.value)) }))
        default: value
        }
    }
}
