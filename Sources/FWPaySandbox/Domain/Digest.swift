import CSandboxOpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto.
enum Digest {
    /// `X-Flywire-Digest`: Base64 of HMAC-SHA256 of the raw body, keyed with the client's
    /// shared secret (flywire-api.md §5).
    static func flywireDigest(body: String, secret: String) -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let key = Array(secret.utf8), message = Array(body.utf8)
        _ = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                     messageBytes.bindMemory(to: UInt8.self).baseAddress, messageBytes.count, &output, &length)
            }
        }
        return Data(output.prefix(Int(length))).base64EncodedString()
    }

    /// The token of a payment's tracking page [S]: hex HMAC-SHA256 of the payment's id, keyed
    /// with its client's shared secret, so that only the link the API gave opens the page (a
    /// payment reference alone is guessable).
    static func trackingToken(payment: String, secret: String) -> String {
        let digest = Data(base64Encoded: flywireDigest(body: "tracking:" + payment, secret: secret)) ?? Data()
        return sha256Hex(digest.prefix(16))
    }

    private static func sha256Hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// Hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &output, &length, EVP_sha256(), nil) }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(Int(length) * 2)
        for byte in output.prefix(Int(length)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
