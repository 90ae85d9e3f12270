import Hummingbird

/// An error answer in Flywire's RFC 7807 shape:
/// `{"type","title","status","detail","errors":[{"source","param","type","message"}]}`.
struct Problem: Error, HTTPResponseError {
    struct Entry: Sendable {
        var source: String
        var param: String
        var type: String
        var message: String
    }

    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var errors: [Entry] = []

    var body: JSON {
        var members: [(String, JSON)] = [
            ("type", .string("https://developers.flywire.com")),
            ("title", .string(title)),
            // An integer, as the real API sends it (a real client parses it as one only); the
            // documented 400 example's string "400" is a documentation slip.
            ("status", .integer(Int64(status.code))),
            ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(("errors", .array(errors.map {
                .object([("source", .string($0.source)), ("param", .string($0.param)),
                         ("type", .string($0.type)), ("message", .string($0.message))])
            })))
        }
        return .object(members)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(body, status: status)
    }
}

extension Problem {
    /// 422 with the given errors; seed 002 titles order-creation failures "Bad Request" and
    /// edit failures "Unprocessable entity", so the title is the caller's choice.
    static func invalid(_ errors: [Entry], title: String = "Unprocessable entity") -> Problem {
        Problem(status: .unprocessableContent, title: title, detail: "Invalid parameters", errors: errors)
    }

    static func invalid(source: String, param: String, type: String = "invalid_param", _ message: String,
                        title: String = "Unprocessable entity") -> Problem {
        invalid([Entry(source: source, param: param, type: type, message: message)], title: title)
    }

    /// 400 for a body that is not usable at all (not JSON, not an object).
    static func badRequest(_ detail: String, errors: [Entry] = []) -> Problem {
        Problem(status: .badRequest, title: "Bad Request", detail: detail, errors: errors)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, title: "Not Found", detail: detail)
    }

    static let unauthorized = Problem(status: .unauthorized, title: "Unauthorized",
                                      detail: "Missing or invalid X-Authentication-Key header")
}

extension Response {
    /// A JSON answer with the given status.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        let text = value.text
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
