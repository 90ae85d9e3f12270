import CCurl

/// The rules of one call's attempts, written once for every way of sending (design.md,
/// "Transport and safety of money-moving calls"): what each attempt's outcome means, whether
/// to try again and after how long, and what the caller finally gets. A driver (Transport's
/// blocking loop) performs the attempts and hands each outcome to `settle`.
///
/// Retries: a request that never reached the server is retried whatever its method; a GET is
/// also retried after a timeout, a dropped connection or a 5xx. A POST or PATCH whose outcome
/// is unknown is retried only when the caller said the server deduplicates by
/// `Idempotency-Key` (`serverDeduplicates`); otherwise the caller gets `outcomeUnknown` with
/// the key. A 429 is never retried; neither is a TLS failure.
///
/// Nothing a server answers turns such retries on: an echoed `Idempotency-Key` once did, for
/// every later POST of the client, and one echo on any path, even a 404, made a server that
/// does not deduplicate charge three times (security-findings-3.md N4).
struct CallAttempts {
    let request: HTTPRequest
    let settings: TransportSettings
    let url: String
    let headers: [String]
    /// Whether sending the request again is harmless: libcurl may then resend it by itself.
    let repeatable: Bool
    /// Attempts made so far.
    private(set) var made = 0
    private var observed: ObservedCall?
    private let name: String

    /// What the driver does next.
    enum Next {
        case retry(afterMilliseconds: Int)
        case finished(Reply)
        case failed(FWPayError)
    }

    /// `tag`: a started call's (fwp_call_start), for its telemetry events; 0 for a blocking call.
    init(_ request: HTTPRequest, settings: TransportSettings, server: (address: String, port: Int), tag: UInt64 = 0) {
        self.request = request
        self.settings = settings
        url = (request.atRoot ? settings.rootURL : settings.baseURL) + request.path
        var headers = [
            "X-Authentication-Key: \(settings.apiKey)",
            "Accept: application/json",
            // No "Expect: 100-continue" round trip before larger bodies.
            "Expect:",
        ]
        if request.method != .get { headers.append("Content-Type: application/json") }
        if let key = request.idempotencyKey { headers.append("Idempotency-Key: \(key.value)") }
        self.headers = headers
        repeatable = request.method.isSafeToRepeat || (settings.serverDeduplicates && request.idempotencyKey != nil)
        name = "\(request.method.rawValue) \(request.path)"
        observed = settings.telemetry.observe(request, server: server, tag: tag)
    }

    /// Whether the driver should read libcurl's timings of each attempt (for telemetry).
    var wantsTimings: Bool { observed != nil }

    private var logger: Logger { settings.logger }

    /// The outcome of the attempt just made, which took `milliseconds`.
    mutating func settle(_ outcome: CurlTransfer.Outcome, milliseconds: Int, timings: CurlTimings?) -> Next {
        made += 1
        let next = decide(outcome, milliseconds: milliseconds, timings: timings)
        switch next {
        case .finished(let reply):
            observed?.ended(attempts: made, status: reply.httpStatus, error: nil, requestID: reply.requestID)
        case .failed(let error):
            observed?.ended(attempts: made, status: error.httpStatus ?? 0, error: error, requestID: error.requestID)
        case .retry:
            break
        }
        return next
    }

    private mutating func decide(_ outcome: CurlTransfer.Outcome, milliseconds: Int, timings: CurlTimings?) -> Next {
        let mayRetry = made <= settings.maximumRetries
        switch outcome {
        case .answered(let response, let newConnection):
            logger.log(response.status < 400 ? .info : .warning,
                       "\(name) -> \(response.status) in \(milliseconds) ms (attempt \(made)\(response.requestID.map { ", request \($0)" } ?? ""))")
            logger.log(.debug, "\(name) used \(newConnection ? "a new connection" : "a kept-alive connection")")
            let requestID = response.requestID.map(redacted)
            if let timings {
                let problem = response.status >= 400 ? Problem.error(from: response, idempotencyKey: request.idempotencyKey?.value) : nil
                observed?.attemptEnded(made, status: response.status, error: problem, requestID: requestID,
                                       milliseconds: Double(milliseconds), timings: timings, newConnection: newConnection)
            }
            if (200..<300).contains(response.status) {
                do throws(FWPayError) {
                    let decoded = try decode(response)
                    var reply = Reply(value: decoded.value, httpStatus: response.status,
                                      requestID: requestID, idempotencyKey: request.idempotencyKey?.value)
                    if decoded.exact { reply.text = response.body }
                    return .finished(reply)
                } catch {
                    return .failed(redacted(error))
                }
            }
            if response.status >= 500, request.method.isSafeToRepeat, mayRetry {
                return .retry(afterMilliseconds: delay(reason: "\(name) answered \(response.status)"))
            }
            return .failed(redacted(Problem.error(from: response, idempotencyKey: request.idempotencyKey?.value)))
        case .failed(let curlCode, let message, let requestSent):
            logger.log(.warning, "\(name) failed in \(milliseconds) ms (attempt \(made)): curl \(curlCode): \(message)")
            let error = redacted(failure(curlCode: curlCode, message: message, requestSent: requestSent))
            if let timings {
                observed?.attemptEnded(made, status: 0, error: error, requestID: nil, milliseconds: Double(milliseconds),
                                       timings: timings, newConnection: true)
            }
            if !Self.isTLSFailure(curlCode), !requestSent || repeatable, mayRetry {
                return .retry(afterMilliseconds: delay(reason: requestSent ? "\(name) got no answer" : "\(name) could not connect"))
            }
            return .failed(error)
        }
    }

    /// The call ends without its next attempt being sent (the client's own rate bound).
    mutating func unsent(_ error: FWPayError) -> FWPayError {
        logger.log(.warning, error.message)
        observed?.ended(attempts: made, status: 0, error: error, requestID: nil)
        return error
    }

    /// The caller cancelled the call (fwp_call_cancel) before it ended; `mayHaveReachedServer`
    /// says whether any attempt's request may have been sent. A request that moves money and
    /// may have been sent is then reported as outcome-unknown with its key, as when its answer
    /// is lost; anything else is `cancelled`.
    mutating func cancelled(mayHaveReachedServer: Bool) -> FWPayError {
        let key = request.idempotencyKey?.value
        let error = mayHaveReachedServer && !request.method.isSafeToRepeat
            ? FWPayError(.outcomeUnknown,
                         "\(name) was cancelled after it was sent; it may have taken effect: look it up, or retry with Idempotency-Key \(key ?? "-"), before doing it again",
                         idempotencyKey: key)
            : FWPayError(.cancelled, "\(name) was cancelled\(mayHaveReachedServer ? "" : " before it was sent")", idempotencyKey: key)
        logger.log(.info, error.message)
        observed?.ended(attempts: made, status: 0, error: error, requestID: nil)
        return error
    }

    /// The pause before the next attempt: exponential backoff with jitter, logged.
    private func delay(reason: String) -> Int {
        let ceiling = min(settings.maximumRetryDelayMilliseconds,
                          settings.initialRetryDelayMilliseconds << min(made - 1, 16))
        let milliseconds = Int.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
        logger.log(.info, "retry \(made) of \(settings.maximumRetries) in \(milliseconds) ms: \(reason)")
        return milliseconds
    }

    /// The answer's value, and whether its bytes say exactly that value (valid JSON naming no
    /// member twice), so that they may be handed on as they are.
    private func decode(_ response: HTTPResponse) throws(FWPayError) -> (value: JSONValue, exact: Bool) {
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

    private func failure(curlCode: Int, message: String, requestSent: Bool) -> FWPayError {
        let tries = made == 1 ? "" : " (after \(made) attempts)"
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
        text.redacting(settings.apiKey)
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
