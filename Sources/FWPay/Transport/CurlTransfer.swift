import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One HTTP exchange over a libcurl easy handle.
enum CurlTransfer {
    /// What one attempt produced.
    enum Outcome {
        case answered(HTTPResponse)
        /// No complete answer. `requestSent` is false when no byte of the request reached
        /// the server, which makes any request safe to try again.
        case failed(curlCode: Int, message: String, requestSent: Bool)
    }

    /// Largest response body accepted; a larger one fails the call rather than exhausting memory.
    static let maximumResponseBytes = 32 << 20

    /// libcurl's process-wide initialisation, run once (a global `let` is initialised
    /// lazily and thread-safely).
    static let globalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func perform(_ request: HTTPRequest, url: String, headers: [String], settings: TransportSettings,
                        on handle: CurlHandlePool.Handle) -> Outcome {
        let easy = handle.raw
        // libcurl keeps the ERRORBUFFER pointer until the handle is reset, so it must outlive
        // the transfer rather than come from a withUnsafe... closure.
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer {
            _ = fwp_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, nil)
            errorBuffer.deallocate()
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }

        let sink = ResponseSink()
        _ = fwp_curl_setopt_string(easy, CURLOPT_URL, url)
        _ = fwp_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = fwp_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = fwp_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        _ = fwp_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, settings.timeoutMilliseconds)
        // Close a kept-alive connection before the server would: a connection the server has
        // already closed makes libcurl resend the request on a new one by itself.
        _ = fwp_curl_setopt_long(easy, CURLOPT_MAXAGE_CONN, settings.maximumIdleConnectionSeconds)
        _ = fwp_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        _ = fwp_curl_setopt_string(easy, CURLOPT_USERAGENT, settings.userAgent)
        _ = fwp_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fwp_curl_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, responseWriteCallback)
        _ = fwp_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())

        switch request.method {
        case .get:
            _ = fwp_curl_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .post, .patch, .delete:
            if request.method == .post {
                _ = fwp_curl_setopt_long(easy, CURLOPT_POST, 1)
            } else {
                _ = fwp_curl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            _ = fwp_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body?.count ?? 0))
            // COPYPOSTFIELDS copies the bytes, so the Swift array need not outlive the call.
            if let body = request.body, !body.isEmpty {
                body.withUnsafeBytes { bytes in
                    _ = fwp_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            } else {
                _ = fwp_curl_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
            }
        }

        let code = withExtendedLifetime(sink) { curl_easy_perform(easy) }
        if code != CURLE_OK {
            var sent = 0
            _ = fwp_curl_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &sent)
            let neverSent = neverReachedServer(code) || sent == 0
            let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let message = sink.overflowed ? "the response is larger than \(maximumResponseBytes) bytes" : detail
            return .failed(curlCode: Int(code.rawValue), message: message, requestSent: !neverSent)
        }
        var status = 0
        _ = fwp_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        let requestID = fwp_curl_response_header(easy, "X-Request-Id").map { String(cString: $0) }
        let echoedKey = fwp_curl_response_header(easy, "Idempotency-Key").map { String(cString: $0) }
        return .answered(HTTPResponse(status: status, body: sink.bytes, requestID: requestID, echoedIdempotencyKey: echoedKey))
    }

    /// Failures that happen before the request is written: resolving, connecting, TLS handshake.
    private static func neverReachedServer(_ code: CURLcode) -> Bool {
        code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY
            || code == CURLE_COULDNT_CONNECT || code == CURLE_SSL_CONNECT_ERROR
    }
}

/// Collects the response body; only the thread running the transfer touches it.
private final class ResponseSink {
    var bytes: [UInt8] = []
    var overflowed = false
}

/// libcurl's write callback: a closure that captures nothing converts to a C function pointer.
private let responseWriteCallback: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let (length, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow, sink.bytes.count + length <= CurlTransfer.maximumResponseBytes else {
        sink.overflowed = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}
