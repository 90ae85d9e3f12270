import COpenSSL

/// `X-Flywire-Digest`: Base64 of HMAC-SHA256 of the raw body bytes, keyed with the client's
/// shared secret (flywire-api.md §5). Computed with OpenSSL's libcrypto and compared in
/// constant time.
public enum NotificationSignature {
    /// The digest Flywire would send for `body` with `secret`.
    public static func digest(body: UnsafeRawBufferPointer, secret: String) -> String {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        var key = secret
        key.withUTF8 { keyBytes in
            _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                     body.baseAddress?.assumingMemoryBound(to: UInt8.self), body.count, &mac, &length)
        }
        var encoded = [UInt8](repeating: 0, count: 4 * ((Int(length) + 2) / 3) + 1)
        let written = EVP_EncodeBlock(&encoded, mac, Int32(length))
        return String(decoding: encoded.prefix(Int(written)), as: UTF8.self)
    }

    /// Whether `digest` (surrounding whitespace ignored) signs `body` with `secret`.
    public static func verify(body: UnsafeRawBufferPointer, digest: String, secret: String) throws(FWPayError) -> Bool {
        guard !secret.isEmpty else { throw FWPayError(.invalidArgument, "secret must not be empty") }
        let expected = Array(self.digest(body: body, secret: secret).utf8)
        let given = Array(digest.utf8.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        guard given.count == expected.count else { return false }
        return CRYPTO_memcmp(given, expected, expected.count) == 0
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
