/// The `Idempotency-Key` sent with a POST: generated once per logical call and kept across
/// its retries, so that a server that honours it applies the call at most once.
public struct IdempotencyKey: Sendable, Equatable {
    public let value: String

    /// A caller-chosen key: 1 to 100 printable ASCII characters.
    public init(_ value: String) throws(FWPayError) {
        guard !value.isEmpty, value.utf8.count <= 100, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw FWPayError(.invalidArgument, "idempotency_key must be 1 to 100 printable ASCII characters without spaces")
        }
        self.value = value
    }

    /// A random version 4 UUID from the system's secure generator.
    public static func random() -> IdempotencyKey {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        let text = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
        return IdempotencyKey(unchecked: text)
    }

    private init(unchecked value: String) { self.value = value }
}
