import CSandboxOpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto.
enum Digest {
    /// `X-Flywire-Digest`: Base64 of HMAC-SHA256 of the raw body, keyed with the client's
    /// shared secret (flywire-api.md §5).
    static func flywireDigest(body: String, secret: String) -> String {
        Data(hmacSHA256(key: secret, message: body)).base64EncodedString()
    }

    /// The token of a payment's tracking page [S]: hex of the first half of HMAC-SHA256 of the
    /// payment's id, keyed with its client's shared secret, so that only the link the API gave
    /// opens the page (a payment reference alone is guessable).
    static func trackingToken(payment: String, secret: String) -> String {
        hex(hmacSHA256(key: secret, message: "tracking:" + payment).prefix(16))
    }

    /// Whether two texts are equal, in a time that does not depend on where they differ.
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &output, &length, EVP_sha256(), nil) }
        return hex(output.prefix(Int(length)))
    }

    private static func hmacSHA256(key: String, message: String) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let key = Array(key.utf8), message = Array(message.utf8)
        _ = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                     messageBytes.bindMemory(to: UInt8.self).baseAddress, messageBytes.count, &output, &length)
            }
        }
        return Array(output.prefix(Int(length)))
    }

    private static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
