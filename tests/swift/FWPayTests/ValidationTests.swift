import Testing

@testable import FWPay

/// The local checks the core runs before sending anything.
@Suite struct ValidationTests {
    func order(metadata: JSONValue? = nil, items: JSONValue? = .array([.object(JSONObject([("amount", .integer(100))]))])) -> JSONValue {
        var object = JSONObject()
        object["items"] = items
        object["metadata"] = metadata
        return .object(object)
    }

    func expectInvalid(_ body: () throws(FWPayError) -> Void, source: String, message: String? = nil) {
        do throws(FWPayError) {
            try body()
            Issue.record("expected an invalid request at \(source)")
        } catch {
            #expect(error.kind == .invalidRequest)
            #expect(error.httpStatus == nil)
            #expect(error.errors.first?["source"]?.stringValue == source)
            if let message { #expect(error.message.contains(message), "\(error.message)") }
        }
    }

    @Test func metadataLimits() throws {
        let twenty = JSONValue.object(JSONObject((0..<20).map { ("k\($0)", .string("v")) }))
        try Check.metadata(twenty)
        let twentyOne = JSONValue.object(JSONObject((0..<21).map { ("k\($0)", .string("v")) }))
        expectInvalid({ () throws(FWPayError) in try Check.metadata(twentyOne) }, source: "/metadata", message: "has 21")
        let longKey = JSONValue.object(JSONObject([(String(repeating: "k", count: 41), .string("v"))]))
        expectInvalid({ () throws(FWPayError) in try Check.metadata(longKey) }, source: "/metadata", message: "at most 40")
        // Characters, not bytes: 500 two-byte characters are allowed.
        try Check.metadata(.object(JSONObject([("note", .string(String(repeating: "é", count: 500)))])))
        let longValue = JSONValue.object(JSONObject([("note", .string(String(repeating: "é", count: 501)))]))
        expectInvalid({ () throws(FWPayError) in try Check.metadata(longValue) }, source: "/metadata/note", message: "501 characters")
        let number = JSONValue.object(JSONObject([("note", .integer(1))]))
        expectInvalid({ () throws(FWPayError) in try Check.metadata(number) }, source: "/metadata/note", message: "must be a string")
        try Check.metadata(nil)
        try Check.metadata(.null)
    }

    @Test func amounts() throws {
        // A whole number is an amount however it is written (one real plugin sends 33000.0).
        for good: JSONValue in [.integer(1), .real(33000.0)] {
            try Check.items(.array([.object(JSONObject([("amount", good)]))]))
        }
        for bad: JSONValue in [.integer(0), .integer(-1), .real(10.5), .real(-3.0), .string("100"), .null] {
            expectInvalid({ () throws(FWPayError) in
                try Check.items(.array([.object(JSONObject([("amount", bad)]))]))
            }, source: "/items/0/amount")
        }
        expectInvalid({ () throws(FWPayError) in try Check.items(.string("x")) }, source: "/items")
        // How many items there are, and whether they are needed at all, is the server's to say.
        try Check.items(.array([]))
        try Check.items(nil)
        try Check.items(.array([.object(JSONObject([("id", .string("default"))]))]))
    }

    @Test func identifiers() throws {
        try Check.identifier("52c6a5df-b6c6-40bc-a71a-fefb82ad96b3", field: "order_id")
        try Check.identifier("FWU744586810", field: "payment")
        for bad in ["", "../x", "a b", "a/b", "a?b", String(repeating: "a", count: 65), "é"] {
            #expect(throws: FWPayError.self) { try Check.identifier(bad, field: "id") }
        }
    }

    @Test func baseURLs() throws {
        var configuration = ClientConfiguration(baseURL: "https://api-platform.flywire.com/payments/v1/", apiKey: "key")
        #expect(try configuration.validated().baseURL == "https://api-platform.flywire.com/payments/v1")
        for loopback in ["http://127.0.0.1:8080", "http://localhost/v1", "http://[::1]:9/x", "http://127.1.2.3"] {
            configuration.baseURL = loopback
            _ = try configuration.validated()
        }
        for refused in ["http://example.com", "http://127.0.0.1.evil.com", "ftp://127.0.0.1", "https://user@host",
                        "https://host/path?query", "https://", "not a url"] {
            configuration.baseURL = refused
            #expect(throws: FWPayError.self, "\(refused)") { try configuration.validated() }
        }
        configuration.baseURL = "http://example.com"
        configuration.allowInsecureHTTP = true
        _ = try configuration.validated()
    }

    @Test func apiKeyIsNeverEchoed() {
        let configuration = ClientConfiguration(baseURL: "http://127.0.0.1", apiKey: "secret value\n")
        do throws(FWPayError) {
            _ = try configuration.validated()
            Issue.record("a key with a space and a newline must be refused")
        } catch {
            #expect(!error.message.contains("secret"))
        }
    }

    @Test func idempotencyKeys() throws {
        let first = IdempotencyKey.random(), second = IdempotencyKey.random()
        #expect(first != second)
        #expect(first.value.count == 36)
        #expect(Array(first.value)[14] == "4")
        // RFC 4122 version 4 layout: 8-4-4-4-12 lowercase hex digits, variant 10xx.
        let keys = (0..<1000).map { _ in IdempotencyKey.random().value }
        #expect(Set(keys).count == 1000)
        for key in keys {
            let characters = Array(key)
            #expect(characters.count == 36 && [8, 13, 18, 23].allSatisfy { characters[$0] == "-" })
            #expect(characters.enumerated().allSatisfy { [8, 13, 18, 23].contains($0.offset) || "0123456789abcdef".contains($0.element) })
            #expect(characters[14] == "4" && "89ab".contains(characters[19]))
        }
        #expect(throws: FWPayError.self) { try IdempotencyKey("") }
        #expect(throws: FWPayError.self) { try IdempotencyKey("has space") }
        #expect(try IdempotencyKey("order-42-charge").value == "order-42-charge")
    }

    @Test func queryStrings() {
        var query = QueryString()
        query.add("country", "ES")
        query.add("name", "José & Co/=?")
        query.add("missing", nil)
        #expect(query.text == "?country=ES&name=Jos%C3%A9%20%26%20Co%2F%3D%3F")
    }
}
