/// Settings for one call: its idempotency key, timeout and retries, overriding the client's.
public struct CallOptions: Sendable {
    /// The Idempotency-Key to send with a POST; nil for a random one.
    public var idempotencyKey: IdempotencyKey?
    public var timeoutMilliseconds: Int?
    public var maximumRetries: Int?

    public init(idempotencyKey: IdempotencyKey? = nil, timeoutMilliseconds: Int? = nil, maximumRetries: Int? = nil) {
        self.idempotencyKey = idempotencyKey
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maximumRetries = maximumRetries
    }

    public static let standard = CallOptions()

    /// The key a POST is sent with: the caller's, or a fresh random one.
    var keyForPost: IdempotencyKey { idempotencyKey ?? .random() }
}

/// A successful answer, with what the caller may want to keep: the server's request id and
/// the idempotency key the request carried.
public struct Reply: Sendable {
    public var value: JSONValue
    public var httpStatus: Int
    public var requestID: String?
    public var idempotencyKey: String?
}
