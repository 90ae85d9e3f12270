/// Settings for one call: its idempotency key, timeout and retries, overriding the client's.
public struct CallOptions: Sendable {
    /// The Idempotency-Key to send with a POST; nil for a random one.
    public var idempotencyKey: IdempotencyKey?
    public var timeoutMilliseconds: Int?
    public var maximumRetries: Int?
    /// The call's body as the text interface already wrote it from the caller's text (one
    /// parse, one writing): sent by the resources whose body is the caller's, unchanged
    /// (`JSONValue.requestBody(_:)`).
    var bodyText: [UInt8]?

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
    /// The answer. Changing it drops `text`, which would no longer say the same.
    public var value: JSONValue { didSet { text = nil } }
    public var httpStatus: Int
    public var requestID: String?
    public var idempotencyKey: String?
    /// The answer's bytes as the server sent them, once validated as JSON: what the text
    /// interface hands on, without writing `value` out again. nil for an answer the core made
    /// (a composite's), or one that names a member twice (its `value` keeps the last).
    var text: [UInt8]?

    public init(value: JSONValue, httpStatus: Int, requestID: String? = nil, idempotencyKey: String? = nil) {
        self.value = value
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.idempotencyKey = idempotencyKey
    }
}

extension JSONValue {
    /// This value as a request's body, when it is the caller's body sent unchanged: the text
    /// the text interface wrote from the caller's own parse, else this value written out.
    func requestBody(_ options: CallOptions) throws(FWPayError) -> [UInt8] {
        if let text = options.bodyText { return text }
        return try serialized()
    }
}
