import Hummingbird
import Logging

/// Turns every error into a JSON problem answer, so that API clients never get an empty body
/// or a plain-text error: unknown routes (404), wrong methods, bodies too large, and
/// unexpected failures (500, logged).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is FaultInjectionMiddleware.ConnectionDropped {
            // Dropped on purpose (an injected fault): nobody is left to answer.
            return Response(status: .ok)
        } catch let problem as Problem {
            return Response.json(problem.body, status: problem.status)
        } catch let error as HTTPError {
            let detail = error.status == .notFound && error.body == nil
                ? Self.noRoute(request) : error.body ?? error.status.reasonPhrase
            let problem = Problem(status: error.status, title: error.status.reasonPhrase, detail: detail)
            return Response.json(problem.body, status: problem.status)
        } catch let error as any HTTPResponseError {
            let problem = Problem(status: error.status, title: error.status.reasonPhrase, detail: error.status.reasonPhrase)
            return Response.json(problem.body, status: problem.status)
        } catch {
            context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(error)")
            let problem = Problem(status: .internalServerError, title: "Internal Server Error",
                                  detail: "The sandbox failed to handle the request")
            return Response.json(problem.body, status: problem.status)
        }
    }

    /// What an unknown route's 404 says: the request (its path cut at 200 characters) and where
    /// the API is, so that a wrong base path shows at once. SANDBOX-ONLY wording: Flywire
    /// answers a bare "Not Found".
    static func noRoute(_ request: Request) -> String {
        let path = request.uri.path
        let shown = path.count > 200 ? String(path.prefix(200)) + "..." : path
        return "fwpay-sandbox has no route \(request.method) \(shown); the API is under \(apiBasePath), "
            + "the sandbox's control API under /sandbox (sandbox-only hint: Flywire answers a bare Not Found)"
    }
}
