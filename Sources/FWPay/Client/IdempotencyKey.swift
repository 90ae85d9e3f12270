import CFWPay

/// The `Idempotency-Key` sent with a POST: generated once per logical call and kept across
/// its retries, so that a server that honours it applies the call at most once.
public struct IdempotencyKey: Sendable, Equatable {
    public let value: String

    /// A caller-chosen key: 1 to FWP_IDEMPOTENCY_KEY_MAX printable ASCII characters.
    public init(_ value: String) throws(FWPayError) {
        guard !value.isEmpty, value.utf8.count <= FWP_IDEMPOTENCY_KEY_MAX, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "idempotency_key must be 1 to \(FWP_IDEMPOTENCY_KEY_MAX) printable ASCII characters without spaces")
        }
        self.value = value
    }

    /// A random version 4 UUID from the system's secure generator. Built from two 64-bit
    /// draws into one buffer: drawing and formatting byte by byte was a tenth of a POST's
    /// time in the client (bench/NOTES.md).
    public static func random() -> IdempotencyKey {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next(), low = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits.utf8Start[Int(byte >> 4)])
            text.append(digits.utf8Start[Int(byte & 0x0F)])
        }
        return IdempotencyKey(unchecked: String(decoding: text, as: UTF8.self))
    }

    private init(unchecked value: String) { self.value = value }
}
