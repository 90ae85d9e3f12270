import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The text interface, for foreign-function interfaces (Node, PHP, Ruby, Java...): JSON text
// in, JSON text out, one FFI call per operation and no struct layout to copy. Each operation
// converts its arguments and calls the same core function as its typed fwp_ export.

/// fwp_client_new_json: creates a client from settings given as JSON text (len bytes), an
/// object with "api_key" (required) and any of "base_url", "connect_timeout_ms",
/// "timeout_ms", "max_retries", "allow_insecure_http" (boolean), "max_idle_connection_ms",
/// "ca_bundle", "server_deduplicates" (boolean), "user_agent" (what follows "fwpay/VERSION" in
/// the User-Agent: the binding's language and runtime, e.g. "node/20.20.2"; printable ASCII, at
/// most 128 bytes; since 0.3), "proxy", "no_proxy", "client_cert", "client_key",
/// "max_in_flight", "max_host_connections" and "max_requests_per_minute" (since 0.3), with the
/// meanings and
/// defaults of fwp_client_options; an
/// unknown member is refused. The client logs as $FWPAY_LOG says (fwp_client_new_json_hooked
/// takes a log callback and a telemetry callback). out_client: receives the handle, NULL on failure; release with
/// fwp_client_free. err: optional. Returns FWP_OK, FWP_E_INVALID_JSON or
/// FWP_E_INVALID_ARGUMENT. Since 0.2.
@c
public func fwp_client_new_json(_ settings: UnsafePointer<CChar>?, _ len: size_t,
                                _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    fwp_client_new_json_hooked(settings, len, nil, out_client, err)
}

/// fwp_client_new_json_logged: fwp_client_new_json with a log callback, for bindings: the
/// settings may also have "log_level" ("error", "warning" (the default), "info" or "debug"),
/// and the lines of that level and above go to log_callback (level FWP_LOG_*, the line, and
/// log_userdata) instead of $FWPAY_LOG's stderr. The callback is called from the thread
/// making the request, during the call (fwp_log_callback); lines never hold the API key.
/// log_callback NULL: as fwp_client_new_json (a "log_level" then writes to stderr, as
/// FWPAY_LOG would). Since 0.3.
@c
public func fwp_client_new_json_logged(_ settings: UnsafePointer<CChar>?, _ len: size_t, _ log_callback: fwp_log_callback?,
                                       _ log_userdata: UnsafeMutableRawPointer?,
                                       _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                                       _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    var hooks = fwp_client_hooks(version: FWP_CLIENT_HOOKS_VERSION, log_callback: log_callback, log_userdata: log_userdata,
                                 event_callback: nil, event_userdata: nil, event_types: 0)
    return fwp_client_new_json_hooked(settings, len, &hooks, out_client, err)
}

/// fwp_client_new_json_hooked: fwp_client_new_json with callbacks, for bindings: hooks (NULL
/// for none; FWP_CLIENT_HOOKS_INIT, then set what you need) holds a log callback, which takes
/// the lines of the settings' "log_level" as fwp_client_new_json_logged says, and an event
/// callback, which takes each call's telemetry events (fwp_event) on the thread making the
/// request. Since 0.3.
@c
public func fwp_client_new_json_hooked(_ settings: UnsafePointer<CChar>?, _ len: size_t,
                                       _ hooks: UnsafePointer<fwp_client_hooks>?,
                                       _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                                       _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_client, "out_client")
        if let hooks, hooks.pointee.version != FWP_CLIENT_HOOKS_VERSION {
            throw FWPayError(.invalidArgument, "hooks.version is \(hooks.pointee.version); this library knows version \(FWP_CLIENT_HOOKS_VERSION) (use FWP_CLIENT_HOOKS_INIT)")
        }
        let log_callback = hooks?.pointee.log_callback, log_userdata = hooks?.pointee.log_userdata
        let given = try TextArguments(settings, len, name: "settings", operation: "fwp_client_new_json",
                                      parameters: ["api_key", "base_url", "connect_timeout_ms", "timeout_ms", "max_retries",
                                                   "allow_insecure_http", "max_idle_connection_ms", "ca_bundle",
                                                   "server_deduplicates", "user_agent", "log_level", "proxy", "no_proxy",
                                                   "client_cert", "client_key", "max_in_flight", "max_host_connections",
                                                   "max_requests_per_minute"])
        var configuration = ClientConfiguration(apiKey: try given.string("api_key"))
        if let url = try given.optionalString("base_url") { configuration.baseURL = url }
        if let value = try given.optionalInteger("connect_timeout_ms") { configuration.connectTimeoutMilliseconds = value }
        if let value = try given.optionalInteger("timeout_ms") { configuration.timeoutMilliseconds = value }
        if let value = try given.optionalInteger("max_retries") { configuration.maximumRetries = value }
        if let value = try given.optionalBool("allow_insecure_http") { configuration.allowInsecureHTTP = value }
        if let value = try given.optionalInteger("max_idle_connection_ms") { configuration.maximumIdleConnectionMilliseconds = value }
        configuration.caBundle = try given.optionalString("ca_bundle")
        if let value = try given.optionalBool("server_deduplicates") { configuration.serverDeduplicates = value }
        configuration.userAgentSuffix = try given.optionalString("user_agent")
        configuration.proxy = try given.optionalString("proxy")
        configuration.noProxy = try given.optionalString("no_proxy")
        configuration.clientCertificate = try given.optionalString("client_cert")
        configuration.clientKey = try given.optionalString("client_key")
        if let value = try given.optionalInteger("max_in_flight") { configuration.maximumInFlight = value }
        if let value = try given.optionalInteger("max_host_connections") { configuration.maximumHostConnections = value }
        if let value = try given.optionalInteger("max_requests_per_minute") { configuration.maximumRequestsPerMinute = value }
        var logger: Logger?
        if let name = try given.optionalString("log_level") {
            guard let level = Logger.Level(named: name) else {
                throw FWPayError(.invalidArgument, "settings.log_level must be \"error\", \"warning\", \"info\" or \"debug\", not \"\(name)\"")
            }
            logger = Logger(level: level, sink: log_callback.map { LogTarget(callback: $0, userdata: log_userdata).sink } ?? Logger.standardError)
        } else if let log_callback {
            logger = Logger(level: .warning, sink: LogTarget(callback: log_callback, userdata: log_userdata).sink)
        }
        var telemetry: Telemetry?
        if let hooks, let callback = hooks.pointee.event_callback {
            telemetry = try EventTarget(callback: callback, userdata: hooks.pointee.event_userdata, types: hooks.pointee.event_types).telemetry
        }
        let client = try Client(configuration: configuration, logger: logger, telemetry: telemetry)
        out.pointee = Handles.clients.add(client)
    }
}

/// fwp_call's operations: the arguments each takes and the core call it makes. Those of
/// api/operations.json are generated (TextOperations+Described.swift); "request" is written here.
struct TextOperation: Sendable {
    typealias Run = @Sendable (Client, TextArguments, CallOptions) throws(FWPayError) -> Reply
    let parameters: [String]
    let run: Run

    static let callParameters = ["idempotency_key", "timeout_ms", "max_retries"]

    static let all: [String: TextOperation] = described.merging(["request": request]) { generated, _ in generated }

    private static let request = TextOperation(["method", "path", "body"]) { api, a, call throws(FWPayError) in
        let name = try a.string("method")
        guard let verb = HTTPMethod(rawValue: name) else {
            throw FWPayError(.invalidArgument, "method \"\(name)\" is not one of GET, POST, PATCH, DELETE")
        }
        return try api.request(verb, path: try a.string("path"), body: a.optionalValue("body"), options: call)
    }

    /// The operation called `operation`, and its arguments read from `args` (`len` bytes).
    static func named(_ operation: UnsafePointer<CChar>?, arguments args: UnsafePointer<CChar>?,
                      _ len: size_t) throws(FWPayError) -> (TextOperation, TextArguments) {
        let name = try string(operation, "operation", limit: 32)
        guard let known = all[name] else {
            throw FWPayError(.invalidArgument, "operation \"\(name)\" is not one of \(all.keys.sorted().joined(separator: ", "))")
        }
        return (known, try TextArguments(args, len, name: "args", operation: name, parameters: known.parameters + callParameters))
    }

    init(_ parameters: [String], _ run: @escaping Run) {
        self.parameters = parameters
        self.run = run
    }
}

/// The members of an arguments object, read by name; members the operation does not take are
/// refused at once, so that a misspelt "idempotency_key" is not silently a random key.
struct TextArguments: Sendable {
    let members: JSONObject
    let name: String
    /// The "body" member written out from the one parse of the arguments: what is sent.
    let bodyText: [UInt8]?

    init(_ text: UnsafePointer<CChar>?, _ len: size_t, name: String, operation: String, parameters: [String]) throws(FWPayError) {
        self.name = name
        guard let text, len > 0 else {
            members = JSONObject()
            bodyText = nil
            return
        }
        guard len <= 32 << 20 else { throw FWPayError(.invalidArgument, "\(name) is \(len) bytes long; the limit is 32 MiB") }
        let (parsed, body) = try JSONValue.parsingInput(UnsafeRawBufferPointer(start: text, count: len),
                                                       writing: parameters.contains("body") ? "body" : nil)
        bodyText = body
        guard let object = parsed.objectValue else {
            throw FWPayError(.invalidArgument, "\(name) must be a JSON object, not \(parsed.typeName)")
        }
        if let unknown = object.keys.first(where: { !parameters.contains($0) }) {
            throw FWPayError(.invalidArgument, "\(name) has \"\(unknown)\", which \(operation) does not take (it takes \(parameters.joined(separator: ", ")))")
        }
        members = object
    }

    func optionalValue(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// A request body: refused past the body limit here, before any rule of its fields, as the
    /// typed interface refuses a json_t (JSONValue.tooLargeForABody).
    func optionalBody(_ key: String) throws(FWPayError) -> JSONValue? {
        guard let value = optionalValue(key) else { return nil }
        let size = key == "body" ? bodyText?.count ?? 0 : try value.serialized().count
        guard size <= Transport.maximumRequestBytes else { throw JSONValue.tooLargeForABody }
        return value
    }

    func body(_ key: String) throws(FWPayError) -> JSONValue {
        guard let value = try optionalBody(key) else { throw FWPayError(.invalidArgument, "\(name).\(key) is required") }
        return value
    }

    func string(_ key: String) throws(FWPayError) -> String {
        guard let text = try optionalString(key) else { throw FWPayError(.invalidArgument, "\(name).\(key) is required") }
        return text
    }

    func optionalString(_ key: String) throws(FWPayError) -> String? {
        guard let value = optionalValue(key) else { return nil }
        guard let text = value.stringValue else { throw FWPayError(.invalidArgument, "\(name).\(key) must be a string, not \(value.typeName)") }
        return text
    }

    func optionalInteger(_ key: String) throws(FWPayError) -> Int? {
        guard let value = optionalValue(key) else { return nil }
        guard let number = value.integerValue, let small = Int(exactly: number) else {
            throw FWPayError(.invalidArgument, "\(name).\(key) must be an integer, not \(value.typeName)")
        }
        return small
    }

    func optionalBool(_ key: String) throws(FWPayError) -> Bool? {
        guard let value = optionalValue(key) else { return nil }
        guard case .bool(let flag) = value else { throw FWPayError(.invalidArgument, "\(name).\(key) must be true or false, not \(value.typeName)") }
        return flag
    }

    func amount(_ key: String) throws(FWPayError) -> Int64 {
        guard let value = optionalValue(key) else { throw FWPayError(.invalidArgument, "\(name).\(key) is required") }
        guard let number = value.integerValue else {
            throw FWPayError(.invalidArgument, "\(name).\(key) must be an integer number of subunits, not \(value.typeName)")
        }
        return number
    }

    func integer(_ key: String) throws(FWPayError) -> Int64 {
        guard let value = optionalValue(key) else { throw FWPayError(.invalidArgument, "\(name).\(key) is required") }
        guard let number = value.integerValue else { throw FWPayError(.invalidArgument, "\(name).\(key) must be an integer, not \(value.typeName)") }
        return number
    }

    func page() throws(FWPayError) -> PageRequest {
        let page = try optionalInteger("page"), perPage = try optionalInteger("per_page")
        guard (page ?? 1) >= 1, (perPage ?? 1) >= 1 else {
            throw FWPayError(.invalidArgument, "\(name).page and \(name).per_page must be positive (or absent for the server's default)")
        }
        return PageRequest(page: page, perPage: perPage)
    }

    func callOptions() throws(FWPayError) -> CallOptions {
        var options = try FWPay.callOptions(idempotencyKey: try optionalString("idempotency_key"),
                                            timeoutMilliseconds: try optionalInteger("timeout_ms") ?? 0,
                                            maximumRetries: try optionalInteger("max_retries") ?? -1, prefix: "\(name).")
        options.bodyText = bodyText
        return options
    }
}
