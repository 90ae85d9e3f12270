/// A connection to Flywire's Payments API (or a sandbox speaking it).
///
/// Immutable after creation, so one client may be used from many threads at once; each call
/// borrows its own libcurl handle from the client's pool and so reuses kept-alive connections.
public final class Client: Sendable {
    let transport: Transport

    /// Without a logger, the client logs as FWPAY_LOG says (Logger.fromEnvironment).
    /// `telemetry` receives each call's events (CallEvent).
    public init(configuration: ClientConfiguration, logger: Logger? = nil, telemetry: Telemetry? = nil) throws(FWPayError) {
        var settings = try configuration.validated()
        if let telemetry { settings.telemetry = telemetry }
        if let logger {
            settings.logger = Logger(level: logger.level, secrets: [configuration.apiKey], sink: logger.sink)
        } else if let fromEnvironment = Logger.fromEnvironment(secrets: [configuration.apiKey]) {
            settings.logger = fromEnvironment
        }
        transport = Transport(settings: settings)
    }

    /// A client whose calls go through `transport` (a started call's replay: StartedCall).
    init(transport: Transport) {
        self.transport = transport
    }

    public var recipients: Recipients { Recipients(transport: transport) }
    public var offers: Offers { Offers(transport: transport) }
    public var orders: Orders { Orders(transport: transport) }
    public var sessions: Sessions { Sessions(transport: transport) }
    public var payments: Payments { Payments(transport: transport) }
    public var refunds: Refunds { Refunds(transport: transport) }
    public var refundBundles: RefundBundles { RefundBundles(transport: transport) }
    /// fwpay-sandbox's control API (sandbox-only).
    public var sandbox: SandboxControl { SandboxControl(transport: transport) }

    /// An iterator over every item of a list: "recipients", "orders", "payments", "refunds"
    /// or "refund_bundles", with that list's filters.
    func iterator(over list: String, filters: JSONValue?, perPage: Int, options: CallOptions) throws(FWPayError) -> PageIterator {
        guard let listing = Listing.all[list] else {
            throw FWPayError(.invalidArgument, "list \"\(list)\" is not one of \(Listing.all.keys.sorted().joined(separator: ", "))")
        }
        guard (1...100).contains(perPage) else { throw FWPayError(.invalidArgument, "per_page must be between 1 and 100 (got \(perPage))") }
        // Check the filters now rather than at the first page.
        _ = try ListQuery.path(listing.path, filters: filters, allowed: listing.filters, page: PageRequest())
        return PageIterator(transport: transport, path: listing.path, collection: listing.collection, filters: filters,
                            allowedFilters: listing.filters, perPage: perPage, options: options)
    }

    /// Any other call of the API: `method` to `path` (below the base URL, starting with "/",
    /// query included) with an optional JSON body. POSTs carry a fresh Idempotency-Key.
    public func request(_ method: HTTPMethod, path: String, body: JSONValue?, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        guard path.hasPrefix("/") else { throw FWPayError(.invalidArgument, "path \"\(path)\" must start with \"/\"") }
        guard path.utf8.count <= 2048 else {
            throw FWPayError(.invalidArgument, "path is \(path.utf8.count) bytes long; the limit is 2048")
        }
        guard path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "path may only contain printable ASCII characters without spaces (percent-encode the rest)")
        }
        guard !path.prefix(while: { $0 != "?" }).split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw FWPayError(.invalidArgument, "path \"\(path)\" must not contain \".\" or \"..\" segments")
        }
        if method == .get, body != nil { throw FWPayError(.invalidArgument, "a GET request takes no body") }
        return try transport.send(HTTPRequest(method: method, path: path, body: try body?.requestBody(options),
                                              idempotencyKey: method == .post ? options.keyForPost : nil), options: options)
    }
}
