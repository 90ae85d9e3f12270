import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sends requests over libcurl and turns answers into JSON values or `FWPayError`s.
///
/// Retries (design.md, "Transport and safety of money-moving calls"): a request that never
/// reached the server is retried whatever its method; a GET is also retried after a timeout,
/// a dropped connection or a 5xx. A POST or PATCH whose outcome is unknown is retried only
/// when the server has shown it honours `Idempotency-Key` (it echoed one); otherwise the
/// caller gets `outcomeUnknown` with the key. A 429 is never retried.
final class Transport: Sendable {
    let settings: TransportSettings
    private let pool = CurlHandlePool()
    /// Set once the server has echoed an `Idempotency-Key`, proving it deduplicates POSTs.
    private let serverHonoursIdempotencyKeys = Atomic<Bool>(false)

    init(settings: TransportSettings) {
        self.settings = settings
        _ = CurlTransfer.globalInitialization
    }

    /// Sends `request` and returns the parsed JSON answer (`.null` for an empty 2xx body).
    func send(_ request: HTTPRequest) throws(FWPayError) -> JSONValue {
        let url = settings.baseURL + request.path
        var headers = [
            "X-Authentication-Key: \(settings.apiKey)",
            "Accept: application/json",
            // No "Expect: 100-continue" round trip before larger bodies.
            "Expect:",
        ]
        if request.body != nil { headers.append("Content-Type: application/json") }
        if let key = request.idempotencyKey { headers.append("Idempotency-Key: \(key.value)") }

        var attempt = 0
        while true {
            guard let handle = pool.take() else { throw FWPayError.noMemory }
            let outcome = CurlTransfer.perform(request, url: url, headers: headers, settings: settings, on: handle)
            switch outcome {
            case .answered(let response):
                pool.give(back: handle)
                if let key = request.idempotencyKey, response.echoedIdempotencyKey == key.value {
                    serverHonoursIdempotencyKeys.store(true, ordering: .relaxed)
                }
                if (200..<300).contains(response.status) {
                    return try decode(response, for: request)
                }
                if response.status >= 500, request.method.isSafeToRepeat, attempt < settings.maximumRetries {
                    attempt += 1
                    pause(beforeRetry: attempt)
                    continue
                }
                throw redacted(Problem.error(from: response, idempotencyKey: request.idempotencyKey?.value))
            case .failed(let curlCode, let message, let requestSent):
                pool.discard(handle)
                let retryable = !requestSent || request.method.isSafeToRepeat
                    || serverHonoursIdempotencyKeys.load(ordering: .relaxed)
                if retryable, attempt < settings.maximumRetries {
                    attempt += 1
                    pause(beforeRetry: attempt)
                    continue
                }
                throw redacted(failure(curlCode: curlCode, message: message, requestSent: requestSent,
                                       request: request, attempts: attempt + 1))
            }
        }
    }

    private func decode(_ response: HTTPResponse, for request: HTTPRequest) throws(FWPayError) -> JSONValue {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do throws(FWPayError) {
            return try JSONValue(parsing: response.body)
        } catch {
            throw FWPayError(.badResponse, "HTTP \(response.status) answer to \(request.method.rawValue) is not JSON: \(error.message)",
                             httpStatus: response.status, requestID: response.requestID,
                             idempotencyKey: request.idempotencyKey?.value)
        }
    }

    private func failure(curlCode: Int, message: String, requestSent: Bool, request: HTTPRequest,
                         attempts: Int) -> FWPayError {
        let tries = attempts == 1 ? "" : " (after \(attempts) attempts)"
        let key = request.idempotencyKey?.value
        if !requestSent {
            return FWPayError(.connection, "could not reach the server\(tries): \(message)", curlCode: curlCode, idempotencyKey: key)
        }
        if !request.method.isSafeToRepeat {
            return FWPayError(.outcomeUnknown,
                              "\(request.method.rawValue) \(request.path) was sent but no answer came back\(tries) (\(message)); it may have taken effect: reconcile using Idempotency-Key \(key ?? "-") before retrying",
                              curlCode: curlCode, idempotencyKey: key)
        }
        let timedOut = curlCode == Int(CURLE_OPERATION_TIMEDOUT.rawValue)
        return FWPayError(timedOut ? .timeout : .connection, "\(request.method.rawValue) \(request.path) failed\(tries): \(message)",
                          curlCode: curlCode, idempotencyKey: key)
    }

    /// Sleeps before retry number `attempt` (1-based): exponential backoff with jitter.
    private func pause(beforeRetry attempt: Int) {
        let ceiling = min(settings.maximumRetryDelayMilliseconds,
                          settings.initialRetryDelayMilliseconds << min(attempt - 1, 16))
        let milliseconds = Int.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var requested = remaining
        while nanosleep(&requested, &remaining) != 0 && errno == EINTR { requested = remaining }
    }

    /// The API key must never reach an error message, even if a server echoes it.
    private func redacted(_ error: FWPayError) -> FWPayError {
        guard !settings.apiKey.isEmpty, error.message.contains(settings.apiKey) else { return error }
        var copy = error
        copy.message = copy.message.replacing(settings.apiKey, with: "[REDACTED]")
        return copy
    }
}
