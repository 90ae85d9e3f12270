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
/// "ca_bundle", "server_deduplicates" (boolean), with the meanings and defaults of
/// fwp_client_options; an unknown member is
/// refused. out_client: receives the handle, NULL on failure; release with fwp_client_free.
/// err: optional. Returns FWP_OK, FWP_E_INVALID_JSON or FWP_E_INVALID_ARGUMENT. Since 0.2.
@c
public func fwp_client_new_json(_ settings: UnsafePointer<CChar>?, _ len: size_t,
                                _ out_client: UnsafeMutablePointer<OpaquePointer?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_client, "out_client")
        let given = try TextArguments(settings, len, name: "settings", operation: "fwp_client_new_json",
                                      parameters: ["api_key", "base_url", "connect_timeout_ms", "timeout_ms", "max_retries",
                                                   "allow_insecure_http", "max_idle_connection_ms", "ca_bundle",
                                                   "server_deduplicates"])
        var configuration = ClientConfiguration(apiKey: try given.string("api_key"))
        if let url = try given.optionalString("base_url") { configuration.baseURL = url }
        if let value = try given.optionalInteger("connect_timeout_ms") { configuration.connectTimeoutMilliseconds = value }
        if let value = try given.optionalInteger("timeout_ms") { configuration.timeoutMilliseconds = value }
        if let value = try given.optionalInteger("max_retries") { configuration.maximumRetries = value }
        if let value = try given.optionalBool("allow_insecure_http") { configuration.allowInsecureHTTP = value }
        if let value = try given.optionalInteger("max_idle_connection_ms") { configuration.maximumIdleConnectionMilliseconds = value }
        configuration.caBundle = try given.optionalString("ca_bundle")
        if let value = try given.optionalBool("server_deduplicates") { configuration.serverDeduplicates = value }
        let client = try Client(configuration: configuration)
        out.pointee = OpaquePointer(Unmanaged.passRetained(client).toOpaque())
    }
}

/// fwp_call: one operation of the API by name, with its arguments as JSON text (len bytes:
/// an object; NULL or len 0 for none) and its answer as JSON text. The operations are the
/// typed functions' names without "fwp_", with their arguments as members:
/// recipient_list {page, per_page}; recipient_get {recipient_id}; recipient_search {name};
/// offer_list {recipient_id, amount, country}; order_create {body}; order_update {order_id,
/// body}; order_charge {order_id, body}; order_get {order_id}; order_list {filters, page,
/// per_page}; order_check {order_id, portal_id}; session_create {body}; session_confirm
/// {session}; payment_get, payment_receipt, payment_process, payment_cancel
/// {payment_reference}; payment_capture, payment_adjust {payment_reference, amount};
/// payment_list {filters, page, per_page}; payment_charge {body}; refund_create
/// {payment_reference, body}; refund_get, refund_cancel {refund_id}; refund_list {filters,
/// page, per_page}; bundle_list {page, per_page}; bundle_get, bundle_approve {bundle_id};
/// request {method, path, body}. Every operation also takes "idempotency_key", "timeout_ms"
/// and "max_retries" (as fwp_call_options). Optional members may be absent or null; an
/// unknown member is refused before anything is sent. out: receives the answer as
/// NUL-terminated JSON text, NULL on failure; release with fwp_free. err: optional (see
/// fwp_error_new and fwp_error_json); after a success it carries the request id, the
/// idempotency key sent and the HTTP status. Thread-safe as the typed calls are. Returns
/// FWP_OK or a negative FWP_E_ code, as the typed function would. Since 0.2.
@c
public func fwp_call(_ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ args: UnsafePointer<CChar>?,
                     _ len: size_t, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                     _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    var reply: Reply?
    let code = exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let name = try string(operation, "operation", limit: 32)
        guard let known = TextOperation.all[name] else {
            throw FWPayError(.invalidArgument, "operation \"\(name)\" is not one of \(TextOperation.all.keys.sorted().joined(separator: ", "))")
        }
        let arguments = try TextArguments(args, len, name: "args", operation: name, parameters: known.parameters + TextOperation.callParameters)
        let answer = try known.run(api, arguments, try arguments.callOptions())
        result.pointee = try jsonText(answer.value)
        reply = answer
    }
    if code == FWP_OK.rawValue, let reply { reportSuccess(reply, into: err) }
    return code
}

/// fwp_call's operations: the arguments each takes and the core call it makes.
private struct TextOperation: Sendable {
    typealias Run = @Sendable (Client, TextArguments, CallOptions) throws(FWPayError) -> Reply
    let parameters: [String]
    let run: Run

    static let callParameters = ["idempotency_key", "timeout_ms", "max_retries"]
    private static let listing = ["filters", "page", "per_page"]

    static let all: [String: TextOperation] = [
        "recipient_list": .init(["page", "per_page"]) { api, a, call throws(FWPayError) in try api.recipients.list(try a.page(), options: call) },
        "recipient_get": .init(["recipient_id"]) { api, a, call throws(FWPayError) in try api.recipients.get(try a.string("recipient_id"), options: call) },
        "recipient_search": .init(["name"]) { api, a, call throws(FWPayError) in try api.recipients.search(try a.string("name"), options: call) },
        "offer_list": .init(["recipient_id", "amount", "country"]) { api, a, call throws(FWPayError) in
            try api.offers.list(recipientID: try a.string("recipient_id"), amount: try a.amount("amount"), country: try a.string("country"), options: call)
        },
        "order_create": .init(["body"]) { api, a, call throws(FWPayError) in try api.orders.create(try a.value("body"), options: call) },
        "order_update": .init(["order_id", "body"]) { api, a, call throws(FWPayError) in
            try api.orders.update(try a.string("order_id"), try a.value("body"), options: call)
        },
        "order_charge": .init(["order_id", "body"]) { api, a, call throws(FWPayError) in
            try api.orders.charge(try a.string("order_id"), a.optionalValue("body"), options: call)
        },
        "order_get": .init(["order_id"]) { api, a, call throws(FWPayError) in try api.orders.get(try a.string("order_id"), options: call) },
        "order_list": .init(listing) { api, a, call throws(FWPayError) in
            try api.orders.list(filters: a.optionalValue("filters"), page: try a.page(), options: call)
        },
        "order_check": .init(["order_id", "portal_id"]) { api, a, call throws(FWPayError) in
            try api.orders.checkCompatibility(try a.string("order_id"), portal: try a.string("portal_id"), options: call)
        },
        "session_create": .init(["body"]) { api, a, call throws(FWPayError) in try api.sessions.create(try a.value("body"), options: call) },
        "session_confirm": .init(["session"]) { api, a, call throws(FWPayError) in try api.sessions.confirm(try a.string("session"), options: call) },
        "payment_get": .init(["payment_reference"]) { api, a, call throws(FWPayError) in
            try api.payments.get(try a.string("payment_reference"), options: call)
        },
        "payment_receipt": .init(["payment_reference"]) { api, a, call throws(FWPayError) in
            try api.payments.receipt(try a.string("payment_reference"), options: call)
        },
        "payment_process": .init(["payment_reference"]) { api, a, call throws(FWPayError) in
            try api.payments.process(try a.string("payment_reference"), options: call)
        },
        "payment_cancel": .init(["payment_reference"]) { api, a, call throws(FWPayError) in
            try api.payments.cancel(try a.string("payment_reference"), options: call)
        },
        "payment_capture": .init(["payment_reference", "amount"]) { api, a, call throws(FWPayError) in
            try api.payments.capture(try a.string("payment_reference"), amount: try a.amount("amount"), options: call)
        },
        "payment_adjust": .init(["payment_reference", "amount"]) { api, a, call throws(FWPayError) in
            try api.payments.adjust(try a.string("payment_reference"), amount: try a.amount("amount"), options: call)
        },
        "payment_list": .init(listing) { api, a, call throws(FWPayError) in
            try api.payments.list(filters: a.optionalValue("filters"), page: try a.page(), options: call)
        },
        "payment_charge": .init(["body"]) { api, a, call throws(FWPayError) in try api.payments.charge(try a.value("body"), options: call) },
        "refund_create": .init(["payment_reference", "body"]) { api, a, call throws(FWPayError) in
            try api.refunds.create(payment: try a.string("payment_reference"), try a.value("body"), options: call)
        },
        "refund_get": .init(["refund_id"]) { api, a, call throws(FWPayError) in try api.refunds.get(try a.string("refund_id"), options: call) },
        "refund_cancel": .init(["refund_id"]) { api, a, call throws(FWPayError) in try api.refunds.cancel(try a.string("refund_id"), options: call) },
        "refund_list": .init(listing) { api, a, call throws(FWPayError) in
            try api.refunds.list(filters: a.optionalValue("filters"), page: try a.page(), options: call)
        },
        "bundle_list": .init(["page", "per_page"]) { api, a, call throws(FWPayError) in try api.refundBundles.list(page: try a.page(), options: call) },
        "bundle_get": .init(["bundle_id"]) { api, a, call throws(FWPayError) in try api.refundBundles.get(try a.string("bundle_id"), options: call) },
        "bundle_approve": .init(["bundle_id"]) { api, a, call throws(FWPayError) in
            try api.refundBundles.approve(try a.string("bundle_id"), options: call)
        },
        "request": .init(["method", "path", "body"]) { api, a, call throws(FWPayError) in
            let name = try a.string("method")
            guard let verb = HTTPMethod(rawValue: name) else {
                throw FWPayError(.invalidArgument, "method \"\(name)\" is not one of GET, POST, PATCH, DELETE")
            }
            return try api.request(verb, path: try a.string("path"), body: a.optionalValue("body"), options: call)
        },
    ]

    private init(_ parameters: [String], _ run: @escaping Run) {
        self.parameters = parameters
        self.run = run
    }
}

/// The members of an arguments object, read by name; members the operation does not take are
/// refused at once, so that a misspelt "idempotency_key" is not silently a random key.
private struct TextArguments: Sendable {
    let members: JSONObject
    let name: String

    init(_ text: UnsafePointer<CChar>?, _ len: size_t, name: String, operation: String, parameters: [String]) throws(FWPayError) {
        self.name = name
        guard let text, len > 0 else {
            members = JSONObject()
            return
        }
        guard len <= 32 << 20 else { throw FWPayError(.invalidArgument, "\(name) is \(len) bytes long; the limit is 32 MiB") }
        let parsed = try JSONValue(parsing: UnsafeRawBufferPointer(start: text, count: len))
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

    func value(_ key: String) throws(FWPayError) -> JSONValue {
        guard let value = optionalValue(key) else { throw FWPayError(.invalidArgument, "\(name).\(key) is required") }
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

    func page() throws(FWPayError) -> PageRequest {
        let page = try optionalInteger("page"), perPage = try optionalInteger("per_page")
        guard (page ?? 1) >= 1, (perPage ?? 1) >= 1 else {
            throw FWPayError(.invalidArgument, "\(name).page and \(name).per_page must be positive (or absent for the server's default)")
        }
        return PageRequest(page: page, perPage: perPage)
    }

    func callOptions() throws(FWPayError) -> CallOptions {
        try FWPay.callOptions(idempotencyKey: try optionalString("idempotency_key"),
                              timeoutMilliseconds: try optionalInteger("timeout_ms") ?? 0,
                              maximumRetries: try optionalInteger("max_retries") ?? -1, prefix: "\(name).")
    }
}
