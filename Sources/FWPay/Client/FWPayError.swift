import CFWPay

/// The one error the core throws. Its `kind` maps one to one onto the public `FWP_E_` codes.
public struct FWPayError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, CaseIterable {
        case invalidArgument, invalidJSON, invalidRequest, authentication, notFound, rateLimited, server, http
        case connection, timeout, outcomeUnknown, badResponse, noMemory, signature, tls, cancelled

        /// The FWP_E_ code, as Sources/CFWPay/fwpay_abi.h defines it (the one definition).
        public var code: Int32 {
            switch self {
            case .invalidArgument: FWP_E_INVALID_ARGUMENT.rawValue
            case .invalidJSON: FWP_E_INVALID_JSON.rawValue
            case .invalidRequest: FWP_E_INVALID_REQUEST.rawValue
            case .authentication: FWP_E_AUTHENTICATION.rawValue
            case .notFound: FWP_E_NOT_FOUND.rawValue
            case .rateLimited: FWP_E_RATE_LIMITED.rawValue
            case .server: FWP_E_SERVER.rawValue
            case .http: FWP_E_HTTP.rawValue
            case .connection: FWP_E_CONNECTION.rawValue
            case .timeout: FWP_E_TIMEOUT.rawValue
            case .outcomeUnknown: FWP_E_OUTCOME_UNKNOWN.rawValue
            case .badResponse: FWP_E_BAD_RESPONSE.rawValue
            case .noMemory: FWP_E_NO_MEMORY.rawValue
            case .signature: FWP_E_SIGNATURE.rawValue
            case .tls: FWP_E_TLS.rawValue
            case .cancelled: FWP_E_CANCELLED.rawValue
            }
        }

        init?(code: Int32) {
            guard let kind = Kind.allCases.first(where: { $0.code == code }) else { return nil }
            self = kind
        }
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
        switch Kind(code: code) {
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
        case .tls: "TLS failed: the server's certificate is not trusted, names another host, or the handshake failed"
        case .cancelled: "the call was cancelled before its answer came"
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

extension FWPayError.Kind {
    /// The name bindings map to their exception classes (fwp_error_json's "kind").
    var name: String {
        switch self {
        case .invalidArgument: "invalid_argument"
        case .invalidJSON: "invalid_json"
        case .invalidRequest: "invalid_request"
        case .authentication: "authentication"
        case .notFound: "not_found"
        case .rateLimited: "rate_limited"
        case .server: "server"
        case .http: "http"
        case .connection: "connection"
        case .timeout: "timeout"
        case .outcomeUnknown: "outcome_unknown"
        case .badResponse: "bad_response"
        case .noMemory: "no_memory"
        case .signature: "signature"
        case .tls: "tls"
        case .cancelled: "cancelled"
        }
    }
}

extension FWPayError {
    /// The kind bindings map to their classes: the code's name, refined where the code alone does
    /// not say (since 0.3): the key may not do this (403), or the Idempotency-Key was used with
    /// another request or its first request is still being handled (409, or a 400/422 naming it).
    static func kindName(code: Int32, httpStatus: Int32, errors: JSONValue) -> String {
        guard let kind = Kind(code: code) else { return code == 0 ? "ok" : "unknown" }
        if httpStatus == 403 { return "permission" }
        let namesTheKey = errors.arrayValue?.contains { entry in
            entry["source"]?.stringValue == "Idempotency-Key" || entry["param"]?.stringValue == "Idempotency-Key"
        } ?? false
        if httpStatus == 409 || (kind == .invalidRequest && namesTheKey) { return "idempotency_conflict" }
        return kind.name
    }
}
