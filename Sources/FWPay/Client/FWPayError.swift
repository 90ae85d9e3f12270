import CFWPay

/// The one error the core throws. Its `kind` maps one to one onto the public `FWP_E_` codes.
public struct FWPayError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        case invalidArgument = -1
        case invalidJSON = -2
        case invalidRequest = -3
        case authentication = -4
        case notFound = -5
        case rateLimited = -6
        case server = -7
        case http = -8
        case connection = -9
        case timeout = -10
        case outcomeUnknown = -11
        case badResponse = -12
        case noMemory = -13
        case signature = -14
    }

    public var kind: Kind
    /// One sentence naming what was wrong; never contains the API key.
    public var message: String
    /// The server's HTTP status, or nil when there was no answer or nothing was sent.
    public var httpStatus: Int?
    /// libcurl's CURLcode for transport failures.
    public var curlCode: Int?
    public var requestID: String?
    public var idempotencyKey: String?
    /// The problem's `errors` array (`[{source, param, type, message}]`), from the server or
    /// from local validation.
    public var errors: [JSONValue]

    public init(_ kind: Kind, _ message: String, httpStatus: Int? = nil, curlCode: Int? = nil,
                requestID: String? = nil, idempotencyKey: String? = nil, errors: [JSONValue] = []) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.curlCode = curlCode
        self.requestID = requestID
        self.idempotencyKey = idempotencyKey
        self.errors = errors
    }

    static let noMemory = FWPayError(.noMemory, "out of memory")

    public var description: String { message }

    /// The name fwp_strerror() gives each code.
    static func describe(code: Int32) -> String {
        switch Kind(rawValue: code) {
        case nil: code == 0 ? "success" : "unknown error code \(code)"
        case .invalidArgument: "invalid argument"
        case .invalidJSON: "invalid JSON text"
        case .invalidRequest: "invalid request"
        case .authentication: "authentication failed: the API key was rejected"
        case .notFound: "not found"
        case .rateLimited: "rate limited: too many requests"
        case .server: "server error"
        case .http: "HTTP error"
        case .connection: "could not connect to the server"
        case .timeout: "the request timed out"
        case .outcomeUnknown: "outcome unknown: the request was sent but no answer came back"
        case .badResponse: "the server's answer is not the JSON expected"
        case .noMemory: "out of memory"
        case .signature: "the notification's signature does not match"
        }
    }
}

extension FWPayError {
    /// A local validation failure, shaped like the server's RFC 7807 `errors[]` entry so that
    /// callers handle both the same way.
    static func invalidParameter(source: String, param: String, type: String = "invalid_param",
                                 _ message: String) -> FWPayError {
        let entry = JSONValue.object(JSONObject([
            ("source", .string(source)), ("param", .string(param)),
            ("type", .string(type)), ("message", .string(message)),
        ]))
        return FWPayError(.invalidRequest, "Invalid parameters: \(source) \(message)", errors: [entry])
    }
}
