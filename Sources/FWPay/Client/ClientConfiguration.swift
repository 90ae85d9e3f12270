import CFWPay
/// What a client needs to talk to the API. `validated()` checks every value before a client
/// exists, so a bad setting fails at creation, not in the middle of a payment.
public struct ClientConfiguration: Sendable {
    public static let productionBaseURL = FWP_BASE_URL_PRODUCTION  // the C header's, written once

    public var baseURL: String
    public var apiKey: String
    public var connectTimeoutMilliseconds: Int = 30_000
    public var timeoutMilliseconds: Int = 80_000
    public var maximumRetries: Int = 2
    /// Allow plain http to a host that is not loopback (off: TLS is required elsewhere).
    public var allowInsecureHTTP = false
    /// Kept-alive connections idle longer than this are closed rather than reused.
    public var maximumIdleConnectionMilliseconds = 20_000
    /// The file of CA certificates TLS trusts; nil to find the system's (see CABundle).
    public var caBundle: String?
    /// The server is known to deduplicate POSTs by Idempotency-Key: an unanswered POST may be
    /// sent again with the same key. Off by default; no answer of a server turns it on
    /// (security-findings-3.md N4).
    public var serverDeduplicates = false
    /// What the binding adds to the User-Agent after "fwpay/VERSION": its language and runtime
    /// ("node/20.20.2"), so that support can tell callers apart. Printable ASCII, at most 128
    /// bytes.
    public var userAgentSuffix: String?
    /// The proxy of every request, "" for none, nil for libcurl's environment ($HTTPS_PROXY,
    /// $NO_PROXY); it may hold credentials, which are never logged.
    public var proxy: String?
    /// Hosts reached without the proxy ("localhost,.internal", "*"); nil for $NO_PROXY.
    public var noProxy: String?
    /// Mutual TLS: the client's certificate and its unencrypted private key (PEM files; the
    /// same file may hold both), both or neither.
    public var clientCertificate: String?
    public var clientKey: String?
    /// Started calls' requests in flight at once (fwp_call_start); more wait in a list, not on
    /// threads. 1 to 100,000.
    public var maximumInFlight = 1000
    /// Connections to one host at once for started calls; 0 for no bound but maximumInFlight.
    public var maximumHostConnections = 0
    /// Requests a minute the client sends at most, retries included (0: no bound): a request
    /// beyond it waits for its turn, or fails with `rateLimited` unsent when the wait would
    /// outlast its timeout. 0 to 100,000.
    public var maximumRequestsPerMinute = 0

    public init(baseURL: String = ClientConfiguration.productionBaseURL, apiKey: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    func validated() throws(FWPayError) -> TransportSettings {
        guard !apiKey.isEmpty else { throw FWPayError(.invalidArgument, "api_key must not be empty") }
        guard apiKey.utf8.count <= FWP_API_KEY_MAX else {
            throw FWPayError(.invalidArgument, "api_key is \(apiKey.utf8.count) bytes long; the limit is \(FWP_API_KEY_MAX)")
        }
        // The key goes into a header line: nothing but printable ASCII, and never echoed here.
        guard apiKey.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "api_key may only contain printable ASCII characters without spaces")
        }
        guard (1...FWP_CONNECT_TIMEOUT_MS_MAX).contains(connectTimeoutMilliseconds) else {
            throw FWPayError(.invalidArgument, "connect_timeout_ms must be between 1 and \(FWP_CONNECT_TIMEOUT_MS_MAX) (got \(connectTimeoutMilliseconds))")
        }
        guard (1...FWP_TIMEOUT_MS_MAX).contains(timeoutMilliseconds) else {
            throw FWPayError(.invalidArgument, "timeout_ms must be between 1 and \(FWP_TIMEOUT_MS_MAX) (got \(timeoutMilliseconds))")
        }
        guard (0...Int(FWP_MAX_RETRIES_MAX)).contains(maximumRetries) else {
            throw FWPayError(.invalidArgument, "max_retries must be between 0 and \(FWP_MAX_RETRIES_MAX) (got \(maximumRetries))")
        }
        guard (FWP_IDLE_CONNECTION_MS_MIN...FWP_IDLE_CONNECTION_MS_MAX).contains(maximumIdleConnectionMilliseconds) else {
            throw FWPayError(.invalidArgument, "max_idle_connection_ms must be between \(FWP_IDLE_CONNECTION_MS_MIN) and \(FWP_IDLE_CONNECTION_MS_MAX) (got \(maximumIdleConnectionMilliseconds))")
        }
        guard (1...100_000).contains(maximumInFlight) else {
            throw FWPayError(.invalidArgument, "max_in_flight must be between 1 and 100000 (got \(maximumInFlight))")
        }
        guard (0...100_000).contains(maximumHostConnections) else {
            throw FWPayError(.invalidArgument, "max_host_connections must be between 0 and 100000 (got \(maximumHostConnections))")
        }
        guard (0...100_000).contains(maximumRequestsPerMinute) else {
            throw FWPayError(.invalidArgument, "max_requests_per_minute must be between 0 and 100000 (got \(maximumRequestsPerMinute))")
        }
        let bundle = CABundle.resolve(given: caBundle)
        if let bundle, !CABundle.isReadable(bundle) {
            let origin = caBundle?.isEmpty == false ? "ca_bundle" : CABundle.environmentVariable
            throw FWPayError(.invalidArgument, "\(origin) names \"\(bundle)\", which cannot be read")
        }
        var settings = TransportSettings(baseURL: try checkedBaseURL(), apiKey: apiKey,
                                 connectTimeoutMilliseconds: connectTimeoutMilliseconds,
                                 timeoutMilliseconds: timeoutMilliseconds, maximumRetries: maximumRetries,
                                 userAgent: try userAgent(),
                                 maximumIdleConnectionMilliseconds: maximumIdleConnectionMilliseconds,
                                 caBundle: bundle, serverDeduplicates: serverDeduplicates,
                                 proxy: try checkedProxy(), noProxy: try checked(noProxy, "no_proxy"),
                                 clientCertificate: try readable(clientCertificate, "client_cert"),
                                 clientKey: try readable(clientKey ?? (clientCertificate == nil ? nil : clientCertificate), "client_key"))
        settings.maximumInFlight = maximumInFlight
        settings.maximumHostConnections = maximumHostConnections
        settings.maximumRequestsPerMinute = maximumRequestsPerMinute
        return settings
    }

    /// A PEM file the client must read (mutual TLS): refused now rather than at the first call.
    private func readable(_ path: String?, _ name: String) throws(FWPayError) -> String? {
        guard let path = try checked(path, name) else { return nil }
        guard CABundle.isReadable(path) else { throw FWPayError(.invalidArgument, "\(name) names \"\(path)\", which cannot be read") }
        if name == "client_key", clientCertificate == nil {
            throw FWPayError(.invalidArgument, "client_key needs client_cert")
        }
        return path
    }

    /// The proxy as libcurl takes it: a URL of a scheme it speaks to proxies, or "" for none.
    private func checkedProxy() throws(FWPayError) -> String? {
        guard let proxy = try checked(proxy, "proxy"), !proxy.isEmpty else { return proxy }
        let schemes = ["http://", "https://", "socks4://", "socks4a://", "socks5://", "socks5h://"]
        guard schemes.contains(where: { proxy.lowercased().hasPrefix($0) }) else {
            // Never the value: it may hold the proxy's password.
            throw FWPayError(.invalidArgument, "proxy must be a URL starting with http://, https://, socks4://, socks4a://, socks5:// or socks5h://")
        }
        return proxy
    }

    private func checked(_ value: String?, _ name: String) throws(FWPayError) -> String? {
        guard let value else { return nil }
        guard value.utf8.count <= 2048, value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "\(name) must be printable ASCII of at most 2048 bytes")
        }
        return value
    }

    private func userAgent() throws(FWPayError) -> String {
        guard let suffix = userAgentSuffix, !suffix.isEmpty else { return "fwpay/\(Version.string)" }
        guard suffix.utf8.count <= 128, suffix.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "user_agent must be printable ASCII of at most 128 bytes")
        }
        return "fwpay/\(Version.string) \(suffix)"
    }

    private func checkedBaseURL() throws(FWPayError) -> String {
        guard baseURL.utf8.count <= 2048 else {
            throw FWPayError(.invalidArgument, "base_url is \(baseURL.utf8.count) bytes long; the limit is 2048")
        }
        guard baseURL.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "base_url may only contain printable ASCII characters without spaces")
        }
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        let scheme: String
        if url.hasPrefix("https://") { scheme = "https" } else if url.hasPrefix("http://") { scheme = "http" } else {
            throw FWPayError(.invalidArgument, "base_url \"\(url)\" must start with https:// (or http:// for a local server)")
        }
        let afterScheme = url.dropFirst(scheme.count + 3)
        let authority = afterScheme.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        guard !authority.isEmpty, !authority.contains("@") else {
            throw FWPayError(.invalidArgument, "base_url \"\(url)\" must name a host (and no user name)")
        }
        guard !url.contains("?"), !url.contains("#") else {
            throw FWPayError(.invalidArgument, "base_url \"\(url)\" must not have a query or fragment")
        }
        if scheme == "http", !allowInsecureHTTP, !Self.isLoopback(authority: String(authority)) {
            throw FWPayError(.invalidArgument,
                             "base_url \"\(url)\" uses plain http to a host that is not loopback; use https, or set allow_insecure_http")
        }
        return url
    }

    /// 127.0.0.0/8, localhost and [::1], with or without a port.
    static func isLoopback(authority: String) -> Bool {
        if authority.hasPrefix("[") { return authority.hasPrefix("[::1]") }
        let host = authority.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if host == "localhost" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
