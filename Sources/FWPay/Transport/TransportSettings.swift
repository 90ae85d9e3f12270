/// How a client talks to the server: where, with which key, and how patiently.
struct TransportSettings: Sendable {
    /// Base URL without a trailing slash, e.g. "https://api-platform.flywire.com/payments/v1".
    var baseURL: String
    var apiKey: String
    var connectTimeoutMilliseconds: Int
    var timeoutMilliseconds: Int
    var maximumRetries: Int
    var userAgent: String
    /// Kept-alive connections older than this are closed rather than reused (see CurlTransfer).
    var maximumIdleConnectionSeconds: Int = 20
    /// First retry delay; it doubles each time, with jitter, up to `maximumRetryDelayMilliseconds`.
    var initialRetryDelayMilliseconds: Int = 250
    var maximumRetryDelayMilliseconds: Int = 5_000
}
