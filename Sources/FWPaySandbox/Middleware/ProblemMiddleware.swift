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
            let problem = Problem(status: error.status, title: error.status.reasonPhrase,
                                  detail: error.body ?? error.status.reasonPhrase)
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
}
