/// A connection to Flywire's Payments API (or a sandbox speaking it).
///
/// Immutable after creation, so one client may be used from many threads at once; each call
/// borrows its own libcurl handle from the client's pool and so reuses kept-alive connections.
public final class Client: Sendable {
    let transport: Transport

    public init(configuration: ClientConfiguration) throws(FWPayError) {
        transport = Transport(settings: try configuration.validated())
    }

    public var recipients: Recipients { Recipients(transport: transport) }
    public var offers: Offers { Offers(transport: transport) }
    public var orders: Orders { Orders(transport: transport) }

    /// Any other call of the API: `method` to `path` (below the base URL, starting with "/",
    /// query included) with an optional JSON body. POSTs carry a fresh Idempotency-Key.
    public func request(_ method: HTTPMethod, path: String, body: JSONValue?) throws(FWPayError) -> JSONValue {
        guard path.hasPrefix("/") else { throw FWPayError(.invalidArgument, "path \"\(path)\" must start with \"/\"") }
        guard path.utf8.count <= 2048 else {
            throw FWPayError(.invalidArgument, "path is \(path.utf8.count) bytes long; the limit is 2048")
        }
        guard path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "path may only contain printable ASCII characters without spaces (percent-encode the rest)")
        }
        guard !path.split(separator: "?").first!.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw FWPayError(.invalidArgument, "path \"\(path)\" must not contain \".\" or \"..\" segments")
        }
        if method == .get, body != nil { throw FWPayError(.invalidArgument, "a GET request takes no body") }
        return try transport.send(HTTPRequest(method: method, path: path, body: try body?.serialized(),
                                              idempotencyKey: method == .post ? .random() : nil))
    }
}
