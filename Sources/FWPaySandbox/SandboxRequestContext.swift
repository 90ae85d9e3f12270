import Hummingbird
import NIOCore

/// The request context of every sandbox route. `apiClient` is set by `APIKeyMiddleware` on
/// the API group, and with `signIn` by `SignedInMiddleware` on the merchant pages; a handler
/// reaching it without a client is a wiring mistake.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var apiClient: ClientRecord?
    var signIn: WebSignIns.SignIn?
    /// The connection, so that injected faults can drop it.
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Request bodies above 1 MiB are refused (413).
    public var maxUploadSize: Int { 1 << 20 }

    func requireClient() throws -> ClientRecord {
        guard let apiClient else { throw Problem.unauthorized }
        return apiClient
    }

    /// Checks that a merchant page's form post carries the signed-in browser's form token,
    /// so that another site cannot make the browser post (CSRF).
    func requireFormToken(_ form: [String: String]) throws {
        guard let expected = signIn?.formToken, let given = form["csrf"],
              given.utf8.count == expected.utf8.count,
              zip(given.utf8, expected.utf8).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw Problem(status: .forbidden, title: "Forbidden", detail: "This form has expired: reload the page and try again")
        }
    }
}
