import Foundation

/// Who is signed in to the merchant pages: a random token in a cookie names a client and a
/// form token (CSRF) that every post must carry. The API key is checked once, at sign-in,
/// and is never put in a cookie or a URL. Kept in memory: a restarted sandbox asks again.
actor WebSignIns {
    struct SignIn: Sendable {
        let clientID: String
        let formToken: String
        let expiresAt: Double
    }

    static let cookieName = "fwpay_sandbox_session"
    /// Sign-ins last a working day.
    static let lifetime = 12 * 3_600.0

    private var signIns: [String: SignIn] = [:]
    /// Sign-ins kept at most for one client; past it that client's oldest ends. The bound is per
    /// client (finding N9): with one shared bound, sign-ins with the public demo key signed
    /// every other client out. (L16: they were unbounded.) The clients are the configured ones,
    /// so the whole is bounded too.
    static let maximumPerClient = 200

    /// A new sign-in for `clientID`: returns the cookie's token.
    func start(clientID: String) -> String {
        let now = Date().timeIntervalSince1970
        signIns = signIns.filter { $0.value.expiresAt > now }
        let theClients = signIns.filter { $0.value.clientID == clientID }
        if theClients.count >= Self.maximumPerClient, let oldest = theClients.min(by: { $0.value.expiresAt < $1.value.expiresAt })?.key {
            signIns[oldest] = nil
        }
        let token = RandomIdentifier.hex(64)
        signIns[token] = SignIn(clientID: clientID, formToken: RandomIdentifier.hex(64), expiresAt: now + Self.lifetime)
        return token
    }

    func signIn(token: String) -> SignIn? {
        guard let signIn = signIns[token], signIn.expiresAt > Date().timeIntervalSince1970 else { return nil }
        return signIn
    }

    func end(token: String) {
        signIns[token] = nil
    }
}
