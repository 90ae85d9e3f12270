import CFWPay
import Testing

@testable import FWPay

/// The jansson bridge and the reading of RFC 7807 error bodies.
@Suite struct JSONAndProblemTests {
    func parse(_ text: String) throws(FWPayError) -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    @Test func roundTripKeepsOrderAndTypes() throws {
        let text = #"{"z":1,"a":[true,false,null,2.5,"é\u0000x"],"m":{"k":-9223372036854775808}}"#
        let value = try parse(text)
        #expect(value["z"] == .integer(1))
        #expect(value["a"]?.arrayValue?[3] == .real(2.5))
        #expect(value["a"]?.arrayValue?[4] == .string("é\u{0}x"))
        #expect(value["m"]?["k"] == .integer(Int64.min))
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        let again = try JSONValue(parsing: try value.serialized())
        #expect(again == value)
    }

    @Test func invalidJSONSaysWhere() {
        #expect(throws: FWPayError.self) { try parse("{\"a\": }") }
        do throws(FWPayError) { _ = try parse("{\"a\":1,\n\"a\":2}") } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.message.contains("line 2"))
        }
    }

    @Test func tooDeepIsRefused() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: FWPayError.self) { try parse(deep) }
    }

    func response(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(body.utf8), requestID: "req_1")
    }

    @Test func problemWithErrors() {
        let error = Problem.error(from: response(422, #"""
            {"type":"https://developers.flywire.com","title":"Unprocessable entity","status":422,"detail":"Invalid parameters",
             "errors":[{"source":"/recipient/id","param":"id","type":"invalid_param","message":"cannot be updated"}]}
            """#), idempotencyKey: "k")
        #expect(error.kind == .invalidRequest)
        #expect(error.httpStatus == 422)
        #expect(error.requestID == "req_1")
        #expect(error.idempotencyKey == "k")
        #expect(error.message == "HTTP 422 Unprocessable entity: Invalid parameters: /recipient/id cannot be updated")
        #expect(error.errors.count == 1)
    }

    @Test func statusAsStringAndOtherShapes() {
        // Flywire's documented 400 example has "status" as a string.
        let error = Problem.error(from: response(400, #"{"title":"Bad Request","status":"400","detail":"Malformed"}"#), idempotencyKey: nil)
        #expect(error.kind == .invalidRequest)
        #expect(error.message == "HTTP 400 Bad Request: Malformed")
        #expect(Problem.error(from: response(502, "<html>bad gateway</html>"), idempotencyKey: nil).message == "HTTP 502 (the body is not JSON)")
        #expect(Problem.error(from: response(401, "{}"), idempotencyKey: nil).kind == .authentication)
        #expect(Problem.error(from: response(404, ""), idempotencyKey: nil).kind == .notFound)
        #expect(Problem.error(from: response(429, ""), idempotencyKey: nil).kind == .rateLimited)
        #expect(Problem.error(from: response(503, ""), idempotencyKey: nil).kind == .server)
        #expect(Problem.error(from: response(409, ""), idempotencyKey: nil).kind == .http)
        let many = Problem.error(from: response(422, #"{"errors":[{"message":"a"},{"message":"b"},{"message":"c"},{"message":"d"},{"message":"e"},{"message":"f"},{"message":"g"}]}"#), idempotencyKey: nil)
        #expect(many.message.hasSuffix("; and 2 more"))
    }

    @Test func codesMatchThePublicHeader() {
        // Every kind has its own code, and every code names its kind back.
        let codes = FWPayError.Kind.allCases.map(\.code)
        #expect(Set(codes).count == codes.count && codes.allSatisfy { $0 < 0 })
        #expect(FWPayError.Kind.allCases.allSatisfy { FWPayError.Kind(code: $0.code) == $0 })
        #expect(FWPayError.Kind.outcomeUnknown.code == FWP_E_OUTCOME_UNKNOWN.rawValue)
        #expect(Version.string == "\(FWP_VERSION_MAJOR).\(FWP_VERSION_MINOR).\(FWP_VERSION_PATCH)")
    }
}
