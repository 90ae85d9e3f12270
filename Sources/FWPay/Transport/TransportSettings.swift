/// How a client talks to the server: where, with which key, and how patiently.
struct TransportSettings: Sendable {
    /// Base URL without a trailing slash, e.g. "https://api-platform.flywire.com/payments/v1".
    var baseURL: String
    var apiKey: String
    /// The base URL without the API's "/payments/v1": where a fwpay-sandbox serves /sandbox.
    var rootURL: String { baseURL.hasSuffix(Self.apiPrefix) ? String(baseURL.dropLast(Self.apiPrefix.count)) : baseURL }
    static let apiPrefix = "/payments/v1"
    var connectTimeoutMilliseconds: Int
    var timeoutMilliseconds: Int
    var maximumRetries: Int
    var userAgent: String
    /// Kept-alive connections idle longer than this are closed rather than reused, so that
    /// the client, not the server, ends an idle connection.
    var maximumIdleConnectionMilliseconds: Int = 20_000
    /// The CA bundle libcurl is given, or nil for libcurl's compiled-in one (CABundle).
    var caBundle: String?
    /// Whether a POST whose outcome is unknown may be sent again under its key (the caller said
    /// the server deduplicates; see Transport).
    var serverDeduplicates = false
    /// libcurl's CURLOPT_PROXY ("" for none) and CURLOPT_NOPROXY; nil keeps its environment.
    var proxy: String?
    var noProxy: String?
    /// Mutual TLS: CURLOPT_SSLCERT and CURLOPT_SSLKEY (PEM files).
    var clientCertificate: String?
    var clientKey: String?
    /// First retry delay; it doubles each time, with jitter, up to `maximumRetryDelayMilliseconds`.
    var initialRetryDelayMilliseconds: Int = 250
    var maximumRetryDelayMilliseconds: Int = 5_000
    /// Started calls' requests running at once; more wait their turn in a list (CallEngine).
    var maximumInFlight = 1000
    /// Connections to one host at once for started calls; 0 for no bound but the one above.
    var maximumHostConnections = 0
    /// Requests a minute this client sends at most (RequestRate); 0 for no bound.
    var maximumRequestsPerMinute = 0
    var logger: Logger = .none
    var telemetry: Telemetry = .none

    /// The host and port of the base URL, as telemetry names the server.
    var server: (address: String, port: Int) {
        let scheme = baseURL.prefix(while: { $0 != ":" })
        let authority = baseURL.dropFirst(scheme.count + 3).prefix(while: { $0 != "/" })
        let hostAndPort = authority.split(separator: "@").last ?? authority
        let standard = scheme.lowercased() == "http" ? 80 : 443
        if hostAndPort.hasPrefix("["), let close = hostAndPort.firstIndex(of: "]") {
            let port = hostAndPort[close...].dropFirst(2)
            return (String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]), Int(port) ?? standard)
        }
        let parts = hostAndPort.split(separator: ":", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? Int(parts[1]) ?? standard : standard)
    }

    /// These settings with one call's overrides.
    func applying(_ options: CallOptions) -> TransportSettings {
        var settings = self
        if let timeout = options.timeoutMilliseconds { settings.timeoutMilliseconds = timeout }
        if let retries = options.maximumRetries { settings.maximumRetries = retries }
        return settings
    }
}
