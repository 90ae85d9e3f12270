import Foundation
import Hummingbird

/// Lets a browser signed in to the merchant pages through, with its client in the context.
/// Others are sent to the sign-in page (GET) or refused (any other method).
struct SignedInMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let database: SandboxDatabase
    let signIns: WebSignIns

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let token = request.cookies[WebSignIns.cookieName]?.value, token.utf8.count <= 128,
           let signIn = await signIns.signIn(token: token), let client = database.client(id: signIn.clientID) {
            var context = context
            context.apiClient = client
            context.signIn = signIn
            return try await next(request, context)
        }
        guard request.method == .get else {
            throw Problem(status: .unauthorized, title: "Sign in again", detail: "Your sign-in has ended: sign in, then send the form again")
        }
        let here = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return PageRenderer.redirect(to: "/sign-in?next=" + (here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"))
    }
}
