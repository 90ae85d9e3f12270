import Foundation

/// Loopback hosts: where notifications go by default, and the names the sandbox answers to.
enum Loopback {
    /// Whether `host` (a URL's or a Host header's, without its port) is loopback: "localhost",
    /// an IPv4 address in 127.0.0.0/8 or ::1. A name is not resolved: "127.attacker.example" is
    /// a name, not an address (finding L15).
    static func contains(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// The host of a Host header ("127.0.0.1:8080", "[::1]:80", "localhost"), or nil when the
    /// header is not a host and an optional all-digit port: the whole header goes into links,
    /// so "127.0.0.1:1@evil.example" or "localhost/x" must not pass on its first part (N5).
    static func host(ofAuthority authority: String) -> String? {
        let host: Substring
        let rest: Substring
        if authority.hasPrefix("[") {
            guard let end = authority.firstIndex(of: "]") else { return nil }
            host = authority[...end]
            rest = authority[authority.index(after: end)...]
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            rest = authority[colon...]
        } else {
            host = Substring(authority)
            rest = ""
        }
        if !rest.isEmpty {
            let port = rest.dropFirst()
            guard rest.first == ":", !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let name = host.hasPrefix("[") ? host.dropFirst().dropLast() : host
        let allowed = host.hasPrefix("[") ? "0123456789abcdefABCDEF:." : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."
        guard !name.isEmpty, name.allSatisfy({ allowed.contains($0) }) else { return nil }
        return String(host)
    }
}
