import Testing

@testable import FWPaySandbox

/// The sandbox's own JSON parser (request bodies, stored documents): strict RFC 8259, members
/// in the order of the text, a clear error instead of a crash for anything else.
@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSON.parse(#" {"b": [1, -2, 3.5, 1e3, true, false, null], "a": {"s": "x\"\\\/\b\f\n\r\tz"}} "#)
        #expect(value == .object([
            ("b", .array([.integer(1), .integer(-2), .real(3.5), .real(1000), .bool(true), .bool(false), .null])),
            ("a", .object([("s", .string("x\"\\/\u{08}\u{0C}\n\r\tz"))])),
        ]))
    }

    @Test func keepsMembersInTheOrderOfTheText() throws {
        let value = try JSON.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.members?.map(\.0) == ["z", "a", "m"])
        #expect(value.text == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test func decodesUnicodeEscapesAndUTF8() throws {
        #expect(try JSON.parse(#""\u00e9\u20AC\ud83d\ude00""#) == .string("é€😀"))
        #expect(try JSON.parse("\"Müller – 日本\"") == .string("Müller – 日本"))
        #expect(try JSON.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func integersBeyond64BitsBecomeReals() throws {
        #expect(try JSON.parse("9223372036854775807") == .integer(Int64.max))
        #expect(try JSON.parse("-9223372036854775808") == .integer(Int64.min))
        #expect(try JSON.parse("9223372036854775808") == .real(9_223_372_036_854_775_808))
        #expect(try JSON.parse("12000.0") == .real(12_000))
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, "01", "-", "1.", ".5", "1e", "+1",
        "tru", "nul", "NaN", "Infinity", "1e999", #""abc"#, "\"a\tb\"", #""\x""#, #""\u12""#, #""\ud800""#,
        #""\ud800\u0041""#, "{} {}", "[1] x", "'a'",
    ])
    func refusesInvalidText(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSON.parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]  // "\xC3(" : a broken two-byte sequence
        #expect(throws: JSONParser.SyntaxError.self) { try bytes.withUnsafeBytes { try JSON.parse(utf8: $0) } }
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let limit = JSONParser.maximumDepth
        #expect(try JSON.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)).array != nil)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParser.SyntaxError.self) { try JSON.parse(tooDeep) }
        // Far deeper than any stack would allow recursion: refused, not a crash.
        #expect(throws: JSONParser.SyntaxError.self) { try JSON.parse(String(repeating: "[", count: 1_000_000)) }
    }

    @Test func errorsSayWhatAndWhere() {
        #expect {
            try JSON.parse(#"{"a": tru}"#)
        } throws: { error in
            "\(error)" == "unexpected character at byte 6"
        }
    }
}
