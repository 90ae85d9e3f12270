import Testing

@testable import FWPay

/// The API key is found and replaced as bytes, wherever it stands.
@Suite struct RedactionTests {
    let key = "sk_live_abc123"

    @Test func everyOccurrenceIsReplaced() {
        #expect("id \(key) and \(key)!".redacting(key) == "id [REDACTED] and [REDACTED]!")
        #expect(key.redacting(key) == "[REDACTED]")
        #expect("req_42".redacting(key) == "req_42")
    }

    @Test func aMatchCharactersWouldNotSeeIsReplacedToo() {
        // "3" followed by a combining acute accent is one Character, so String.contains misses
        // the key; its bytes are still there.
        let text = "x\(key)\u{301} y"
        #expect(text.holds(key))
        #expect(!text.redacting(key).contains("abc123"))
    }

    @Test func anEmptySecretHoldsNothing() {
        #expect(!"anything".holds(""))
        #expect("anything".redacting("") == "anything")
        #expect(!"".holds(key))
        #expect(!"sk_live".holds(key))
    }
}
