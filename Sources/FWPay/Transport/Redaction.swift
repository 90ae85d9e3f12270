#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension String {
    /// Whether `secret` occurs in this text, compared as UTF-8 bytes. String.contains compares
    /// Characters: on every answer's request id it cost some 27,000 instructions, a tenth of a
    /// whole GET inside the library.
    func holds(_ secret: String) -> Bool {
        guard !secret.isEmpty else { return false }
        var text = self, secret = secret
        return text.withUTF8 { haystack in secret.withUTF8 { needle in Self.offset(of: needle, in: haystack, from: 0) != nil } }
    }

    /// This text with every occurrence of `secret`'s bytes replaced by "[REDACTED]" (as bytes
    /// too: a match Characters would not see, such as one followed by a combining mark, goes).
    func redacting(_ secret: String) -> String {
        guard holds(secret) else { return self }
        var text = self, secret = secret
        return text.withUTF8 { haystack in
            secret.withUTF8 { needle in
                var kept: [UInt8] = []
                kept.reserveCapacity(haystack.count)
                var start = 0
                while let found = Self.offset(of: needle, in: haystack, from: start) {
                    kept += haystack[start..<found]
                    kept += "[REDACTED]".utf8
                    start = found + needle.count
                }
                kept += haystack[start...]
                return String(decoding: kept, as: UTF8.self)
            }
        }
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    private static func offset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                return index
            }
            index += 1
        }
        return nil
    }
}
