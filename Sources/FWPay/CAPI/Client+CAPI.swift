import CCurl
import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// fwp_global_init: initialises the library's process-wide state (libcurl's global init).
/// Call it once from the main thread before starting other threads that use fwpay; it is
/// also run by the first fwp_client_new, and calling it again is harmless. After it, the
/// library has no mutable global state. Returns FWP_OK, or FWP_E_NO_MEMORY when libcurl
/// cannot initialise. Since 0.1.
@c
public func fwp_global_init() -> CInt {
    CurlTransfer.globalInitialization == CURLE_OK ? FWP_OK.rawValue : FWP_E_NO_MEMORY.rawValue
}

/// fwp_client_options_init: fills options with the defaults of FWP_CLIENT_OPTIONS_INIT
/// (version FWP_CLIENT_OPTIONS_VERSION, base_url NULL for production, api_key NULL, connect
/// timeout 30000 ms, whole-request timeout 80000 ms, 2 retries, plain http only to loopback,
/// no log callback, log level FWP_LOG_WARNING, idle connections closed after 20000 ms, the
/// system's CA bundle, a server not known to deduplicate POSTs, no event callback, 1000
/// started calls in flight, no bound on connections per host beyond that, no bound on requests
/// a minute).
/// For languages that cannot use the macro. Returns FWP_OK, or FWP_E_INVALID_ARGUMENT when
/// options is NULL. Since 0.1.
@c
public func fwp_client_options_init(_ options: UnsafeMutablePointer<fwp_client_options>?) -> CInt {
    guard let options else { return FWP_E_INVALID_ARGUMENT.rawValue }
    options.pointee = fwp_client_options(version: FWP_CLIENT_OPTIONS_VERSION, base_url: nil, api_key: nil,
                                         connect_timeout_ms: 30_000, timeout_ms: 80_000, max_retries: 2,
                                         allow_insecure_http: 0, log_callback: nil, log_userdata: nil,
                                         log_level: CInt(FWP_LOG_WARNING.rawValue), max_idle_connection_ms: 20_000,
                                         ca_bundle: nil, server_deduplicates: 0, user_agent: nil, proxy: nil, no_proxy: nil,
                                         client_cert: nil, client_key: nil, event_callback: nil, event_userdata: nil,
                                         event_types: 0, max_in_flight: 1000, max_host_connections: 0,
                                         max_requests_per_minute: 0)
    return FWP_OK.rawValue
}

/// fwp_client_new: creates a client for base_url with api_key and default options.
/// base_url: NULL for FWP_BASE_URL_PRODUCTION; https, or plain http to a loopback host.
/// api_key: required, copied. out_client: receives the new handle, NULL on failure; release
/// it with fwp_client_free. err: optional. Nothing is sent: a wrong key shows at the first
/// call. Returns FWP_OK or FWP_E_INVALID_ARGUMENT (the message names the bad argument, never
/// the key). Since 0.1.
@c
public func fwp_client_new(_ base_url: UnsafePointer<CChar>?, _ api_key: UnsafePointer<CChar>?,
                           _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    var options = fwp_client_options()
    _ = fwp_client_options_init(&options)
    options.base_url = base_url
    options.api_key = api_key
    return fwp_client_new_with_options(&options, out_client, err)
}

/// fwp_client_new_with_options: creates a client from options (borrowed; its strings are
/// copied), initialised with fwp_client_options_init or FWP_CLIENT_OPTIONS_INIT.
/// out_client: receives the handle, NULL on failure; release with fwp_client_free.
/// The client may be used from several threads at once; its log_callback and event_callback
/// are then called from those threads. Returns FWP_OK or FWP_E_INVALID_ARGUMENT. Since 0.1.
@c
public func fwp_client_new_with_options(_ options: UnsafePointer<fwp_client_options>?,
                                        _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                                        _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_client, "out_client")
        guard let options else { throw FWPayError(.invalidArgument, "options must not be NULL") }
        let given = try optionsOfItsVersion(options)
        var configuration = ClientConfiguration(apiKey: try string(given.api_key, "api_key", limit: ArgumentLimit.shortText))
        if let baseURL = try optionalString(given.base_url, "base_url", limit: ArgumentLimit.url) {
            configuration.baseURL = baseURL
        }
        configuration.connectTimeoutMilliseconds = given.connect_timeout_ms
        configuration.timeoutMilliseconds = given.timeout_ms
        configuration.maximumRetries = Int(given.max_retries)
        configuration.allowInsecureHTTP = given.allow_insecure_http != 0
        configuration.maximumIdleConnectionMilliseconds = given.max_idle_connection_ms
        configuration.caBundle = try optionalString(given.ca_bundle, "ca_bundle", limit: ArgumentLimit.url)
        configuration.serverDeduplicates = given.server_deduplicates != 0
        configuration.userAgentSuffix = try optionalString(given.user_agent, "user_agent", limit: 128)
        configuration.proxy = try optionalString(given.proxy, "proxy", limit: ArgumentLimit.url)
        configuration.noProxy = try optionalString(given.no_proxy, "no_proxy", limit: ArgumentLimit.url)
        configuration.clientCertificate = try optionalString(given.client_cert, "client_cert", limit: ArgumentLimit.url)
        configuration.clientKey = try optionalString(given.client_key, "client_key", limit: ArgumentLimit.url)
        configuration.maximumInFlight = Int(given.max_in_flight)
        configuration.maximumHostConnections = Int(given.max_host_connections)
        configuration.maximumRequestsPerMinute = Int(given.max_requests_per_minute)
        guard let level = Logger.Level(rawValue: given.log_level) else {
            throw FWPayError(.invalidArgument, "log_level must be FWP_LOG_ERROR to FWP_LOG_DEBUG (0 to 3), not \(given.log_level)")
        }
        var logger: Logger?
        if let callback = given.log_callback {
            logger = Logger(level: level, sink: LogTarget(callback: callback, userdata: given.log_userdata).sink)
        }
        var telemetry: Telemetry?
        if let callback = given.event_callback {
            telemetry = try EventTarget(callback: callback, userdata: given.event_userdata, types: given.event_types).telemetry
        }
        let client = try Client(configuration: configuration, logger: logger, telemetry: telemetry)
        out.pointee = Handles.clients.add(client)
    }
}

/// A copy of the caller's options that reads only the fields of the version it declares (an
/// older, shorter struct is not read past its end); later fields keep their defaults.
private func optionsOfItsVersion(_ options: UnsafePointer<fwp_client_options>) throws(FWPayError) -> fwp_client_options {
    let version = UnsafeRawPointer(options).load(as: CInt.self)
    guard version >= 1, version <= FWP_CLIENT_OPTIONS_VERSION else {
        throw FWPayError(.invalidArgument,
                         "options.version is \(version); this library knows versions 1 to \(FWP_CLIENT_OPTIONS_VERSION) (use fwp_client_options_init)")
    }
    var copy = fwp_client_options()
    _ = fwp_client_options_init(&copy)
    let size = switch version {
    case 1: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.ca_bundle)!
    case 2: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.server_deduplicates)!
    case 3: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.user_agent)!
    case 4: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.proxy)!
    case 5: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.event_callback)!
    case 6: MemoryLayout<fwp_client_options>.offset(of: \fwp_client_options.max_in_flight)!
    default: MemoryLayout<fwp_client_options>.size
    }
    withUnsafeMutableBytes(of: &copy) { $0.copyMemory(from: UnsafeRawBufferPointer(start: options, count: size)) }
    return copy
}

/// fwp_ca_bundle: the file of CA certificates a client trusts when its options name none:
/// $FWPAY_CA_BUNDLE, else $SSL_CERT_FILE, else libcurl's compiled-in bundle when it exists here, else
/// the first that exists of the Debian/Ubuntu, Fedora/RHEL, SUSE and Alpine paths. Returns a
/// string to release with fwp_free, or NULL when no bundle is found (TLS would then fail).
/// Thread-safe. Since 0.2.
@c
public func fwp_ca_bundle() -> UnsafeMutablePointer<CChar>? {
    guard let path = CABundle.defaultPath() else { return nil }
    return strdup(path)
}

/// fwp_client_free: releases a client and its connections. NULL, or a client already freed,
/// is a harmless no-op. Calls other threads have in flight finish first (the connections close
/// when the last one ends); calls made afterwards fail with FWP_E_INVALID_ARGUMENT rather than
/// touching freed memory. Thread-safe. Since 0.1 (safe beside calls since 0.3).
@c
public func fwp_client_free(_ client: OpaquePointer?) {
    guard let client else { return }
    _ = Handles.clients.remove(client)
}

/// The caller's log callback and its userdata. The caller promised (fwpay.h) that the
/// callback may be called from any thread using the client.
struct LogTarget: @unchecked Sendable {
    let callback: fwp_log_callback
    let userdata: UnsafeMutableRawPointer?

    /// A Logger's sink that hands each line to the callback.
    var sink: @Sendable (Logger.Level, String) -> Void {
        let target = self
        return { level, line in line.withCString { target.callback(level.rawValue, $0, target.userdata) } }
    }
}
