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

    /// The host of a Host header ("127.0.0.1:8080", "[::1]:80", "localhost").
    static func host(ofAuthority authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[...end]) }
        if let colon = authority.lastIndex(of: ":"), authority.firstIndex(of: ":") == colon { return String(authority[..<colon]) }
        return authority
    }
}
