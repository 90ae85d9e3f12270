/// HTTP methods the API uses. Only GET is safe to repeat blindly; see `Transport`.
public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case patch = "PATCH"
    case delete = "DELETE"

    /// True when sending the request twice has the same effect as sending it once and it
    /// moves no money, so a retry after an ambiguous failure is harmless.
    var isSafeToRepeat: Bool { self == .get }
}

/// A finished request, validated and ready for the wire.
struct HTTPRequest: Sendable {
    var method: HTTPMethod
    /// Path below the base URL, starting with "/", query string included and already encoded.
    var path: String
    /// The path's template without the query ("/recipients/{id}"), for telemetry; nil when
    /// unknown (a raw request's path may hold identifiers, which must not become a metric's name).
    var template: String? = nil
    /// Compact JSON text, or nil for no body.
    var body: [UInt8]?
    /// Sent as `Idempotency-Key` (every POST carries one).
    var idempotencyKey: IdempotencyKey?
    /// The path is below the root of the base URL rather than the base URL itself: a
    /// fwpay-sandbox's control API (/sandbox/...) beside /payments/v1.
    var atRoot = false
}

/// What the server answered.
struct HTTPResponse: Sendable {
    var status: Int
    var body: [UInt8]
    var requestID: String?
}
