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
        case answered(HTTPResponse, newConnection: Bool)
        /// No complete answer. `requestSent` is false when no byte of the request reached
        /// the server, which makes any request safe to try again.
        case failed(curlCode: Int, message: String, requestSent: Bool)
    }

    /// Largest response body accepted; a larger one fails the call rather than exhausting memory.
    static let maximumResponseBytes = 32 << 20

    /// libcurl's process-wide initialisation, run once (a global `let` is initialised
    /// lazily and thread-safely).
    static let globalInitialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Performs `request` on the calling thread (the blocking driver).
    static func perform(_ request: HTTPRequest, url: String, headers: [String], settings: TransportSettings,
                        mayResend: Bool, on handle: CurlHandlePool.Handle) -> Outcome {
        let exchange = CurlExchange(request, url: url, headers: headers, settings: settings, mayResend: mayResend, on: handle)
        return exchange.outcome(of: curl_easy_perform(handle.raw))
    }

    /// Failures that happen before the request is written: resolving, connecting, TLS handshake.
    static func neverReachedServer(_ code: CURLcode) -> Bool {
        code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY
            || code == CURLE_COULDNT_CONNECT || code == CURLE_SSL_CONNECT_ERROR
    }
}

/// One attempt set up on an easy handle: the options, and what libcurl reads and writes during
/// the transfer (headers, error buffer, body source, answer sink), kept until `outcome(of:)`.
/// The blocking driver performs it at once; CallEngine adds the handle to its multi handle.
final class CurlExchange {
    let handle: CurlHandlePool.Handle
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let sink = ResponseSink()
    private let source: BodySource

    /// Sets `request` up on `handle`. `mayResend` says whether libcurl may send the body again
    /// by itself: when a reused connection dies after the request was written, libcurl resends
    /// it on a new connection, which for a POST the server already committed would be a second
    /// charge. Refusing the rewind turns that into a failure the caller sees.
    init(_ request: HTTPRequest, url: String, headers: [String], settings: TransportSettings, mayResend: Bool,
         on handle: CurlHandlePool.Handle) {
        self.handle = handle
        let easy = handle.raw
        // libcurl keeps the ERRORBUFFER pointer until the handle is reset, so it lives as long
        // as the exchange, which unsets it when the transfer ends.
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        for header in headers { headerList = curl_slist_append(headerList, header) }
        // Bodies go through read/seek callbacks so that a resend needs our consent (above).
        // A POST without a body sends "{}": libcurl resends a bodiless request without asking.
        source = BodySource(bytes: request.method == .get ? [] : (request.body ?? Array("{}".utf8)), mayResend: mayResend)

        _ = fwp_curl_setopt_string(easy, CURLOPT_URL, url)
        _ = fwp_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = fwp_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = fwp_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        _ = fwp_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, settings.timeoutMilliseconds)
        // libcurl counts whole seconds and reuses a connection while idle_seconds <= MAXAGE,
        // so one second less keeps every reused connection idle for less than the setting.
        _ = fwp_curl_setopt_long(easy, CURLOPT_MAXAGE_CONN, max(0, settings.maximumIdleConnectionMilliseconds / 1000 - 1))
        _ = fwp_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        _ = fwp_curl_setopt_string(easy, CURLOPT_USERAGENT, settings.userAgent)
        if let bundle = settings.caBundle { _ = fwp_curl_setopt_string(easy, CURLOPT_CAINFO, bundle) }
        if let proxy = settings.proxy { _ = fwp_curl_setopt_string(easy, CURLOPT_PROXY, proxy) }
        if let hosts = settings.noProxy { _ = fwp_curl_setopt_string(easy, CURLOPT_NOPROXY, hosts) }
        if let certificate = settings.clientCertificate { _ = fwp_curl_setopt_string(easy, CURLOPT_SSLCERT, certificate) }
        if let key = settings.clientKey { _ = fwp_curl_setopt_string(easy, CURLOPT_SSLKEY, key) }
        _ = fwp_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fwp_curl_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, responseWriteCallback)
        _ = fwp_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
        switch request.method {
        case .get:
            _ = fwp_curl_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .post, .patch, .delete:
            _ = fwp_curl_setopt_long(easy, CURLOPT_POST, 1)
            if request.method != .post { _ = fwp_curl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
            _ = fwp_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(source.bytes.count))
            _ = fwp_curl_setopt_read_function(easy, bodyReadCallback)
            _ = fwp_curl_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque())
            _ = fwp_curl_setopt_seek_function(easy, bodySeekCallback)
            _ = fwp_curl_setopt_pointer(easy, CURLOPT_SEEKDATA, Unmanaged.passUnretained(source).toOpaque())
        }
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Whether any byte of the body went to libcurl: from then on the request may have reached
    /// the server (a cancelled POST is then reported as outcome-unknown).
    var bodyStarted: Bool { source.started }

    /// What the finished transfer produced, given libcurl's result `code`.
    func outcome(of code: CURLcode) -> CurlTransfer.Outcome {
        let easy = handle.raw
        defer { _ = fwp_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, nil) }
        if code != CURLE_OK {
            var sent = 0
            _ = fwp_curl_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &sent)
            let refusedResend = code == CURLE_SEND_FAIL_REWIND
            let neverSent = !refusedResend && !source.started && (CurlTransfer.neverReachedServer(code) || sent == 0)
            let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let message = sink.overflowed ? "the response is larger than \(CurlTransfer.maximumResponseBytes) bytes"
                : refusedResend ? "the connection closed after the request was sent (\(detail))" : detail
            return .failed(curlCode: Int(code.rawValue), message: message, requestSent: !neverSent)
        }
        var status = 0, connects = 0
        _ = fwp_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        _ = fwp_curl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        let requestID = fwp_curl_response_header(easy, "X-Request-Id").map { String(cString: $0) }
        return .answered(HTTPResponse(status: status, body: sink.bytes, requestID: requestID), newConnection: connects > 0)
    }

    /// The transfer was abandoned before it ended (the handle is removed from the multi handle
    /// and is to be discarded).
    func abandon() {
        _ = fwp_curl_setopt_pointer(handle.raw, CURLOPT_ERRORBUFFER, nil)
    }
}

/// Collects the response body; only the thread running the transfer touches it.
private final class ResponseSink {
    var bytes: [UInt8] = []
    var overflowed = false
}

/// A request body handed to libcurl piece by piece.
private final class BodySource {
    let bytes: [UInt8]
    let mayResend: Bool
    var offset = 0
    /// Whether libcurl has taken any of the body: from then on the request may have reached
    /// the server.
    var started = false

    init(bytes: [UInt8], mayResend: Bool) {
        self.bytes = bytes
        self.mayResend = mayResend
    }
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

private let bodyReadCallback: curl_read_callback = { buffer, size, count, context in
    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
    let source = Unmanaged<BodySource>.fromOpaque(context).takeUnretainedValue()
    let (capacity, overflow) = size.multipliedReportingOverflow(by: count)
    guard !overflow else { return Int(CURL_READFUNC_ABORT) }
    source.started = true
    let length = min(capacity, source.bytes.count - source.offset)
    guard length > 0 else { return 0 }
    source.bytes.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + source.offset, byteCount: length)
    }
    source.offset += length
    return length
}

/// libcurl asks to rewind only to send the body again; allowed only when resending is safe.
private let bodySeekCallback: curl_seek_callback = { context, offset, origin in
    guard let context else { return CURL_SEEKFUNC_FAIL }
    let source = Unmanaged<BodySource>.fromOpaque(context).takeUnretainedValue()
    guard source.mayResend, offset == 0, origin == SEEK_SET else { return CURL_SEEKFUNC_FAIL }
    source.offset = 0
    return CURL_SEEKFUNC_OK
}
