import HTTPTypes
import Hummingbird

/// Gives every answer an `X-Request-Id`, which client libraries report with their errors.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = "req_" + context.id
        return response
    }
}
