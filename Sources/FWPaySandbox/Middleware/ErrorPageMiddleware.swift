import Hummingbird

/// Renders errors of the HTML pages as pages (the API keeps its JSON problems): the status,
/// what went wrong and, for invalid input, each field's message.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return page(problem.status, heading: problem.title, message: problem.detail,
                        details: problem.errors.map { "\($0.param): \($0.message)" })
        } catch let error as HTTPError {
            return page(error.status, heading: error.status.reasonPhrase, message: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            return page(error.status, heading: error.status.reasonPhrase, message: error.status.reasonPhrase)
        } catch {
            context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(error)")
            return page(.internalServerError, heading: "Something went wrong", message: "The sandbox failed to show this page")
        }
    }

    private func page(_ status: HTTPResponse.Status, heading: String, message: String, details: [String] = []) -> Response {
        var values: [String: Any] = ["heading": heading, "message": message, "isError": true,
                                     "details": details, "hasDetails": !details.isEmpty]
        if status == .unauthorized { values["link"] = ["href": "/sign-in", "label": "Sign in"] }
        return pages.page("message", values, status: status)
    }
}
