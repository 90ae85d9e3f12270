import HTTPTypes
import Hummingbird

/// Sign-in to the merchant pages with the client's API key: GET and POST /sign-in, and
/// POST /sign-out (signed in). The key travels only in the posted form; the browser keeps
/// a random token in an HttpOnly, SameSite=Strict cookie.
struct SignInController {
    let database: SandboxDatabase
    let signIns: WebSignIns
    let pages: PageRenderer

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get("sign-in", use: show)
            .post("sign-in", use: signIn)
    }

    /// Behind `SignedInMiddleware`.
    var signedInRoutes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .post("sign-out", use: signOut)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        pages.page("sign_in", ["next": Self.safeNext(request.formQuery("next"))])
    }

    func signIn(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        // Another site must not sign a browser in to a client of its choosing (login CSRF,
        // finding L16): a browser's cross-site post says where it comes from.
        if let origin = request.headers[.origin], origin != request.sandboxBaseURL {
            throw Problem(status: .forbidden, title: "Forbidden", detail: "Sign in from this sandbox's own sign-in page")
        }
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!].map({ $0 == "cross-site" }) == true {
            throw Problem(status: .forbidden, title: "Forbidden", detail: "Sign in from this sandbox's own sign-in page")
        }
        let form = try await FormBody.fields(of: request)
        let next = Self.safeNext(form["next"])
        guard let key = form["api_key"], !key.isEmpty, key.utf8.count <= 256, let client = database.client(apiKey: key) else {
            // The key is not repeated back, not even masked.
            return pages.page("sign_in", ["next": next, "error": "This API key is not known to this sandbox."], status: .unauthorized)
        }
        let token = await signIns.start(clientID: client.id)
        var response = PageRenderer.redirect(to: next)
        response.setCookie(Cookie(name: WebSignIns.cookieName, value: token, maxAge: Int(WebSignIns.lifetime),
                                  path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        try context.requireFormToken(try await FormBody.fields(of: request))
        if let token = request.cookies[WebSignIns.cookieName]?.value { await signIns.end(token: token) }
        var response = PageRenderer.redirect(to: "/sign-in")
        response.setCookie(Cookie(name: WebSignIns.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// Where to go after signing in: a path of this site only (never "//host" or a URL), so
    /// that a link cannot send a freshly signed-in browser elsewhere.
    static func safeNext(_ next: String?) -> String {
        // No control characters or spaces either: browsers drop tab and newline from URLs, so
        // "/\t/host" would become "//host", another origin (finding L8).
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.utf8.count <= 2_048,
              next.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            return "/dashboard"
        }
        return next
    }
}
