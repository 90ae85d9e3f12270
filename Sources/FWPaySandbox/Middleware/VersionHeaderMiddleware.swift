import HTTPTypes
import Hummingbird

/// Names the sandbox's version on every answer (`Fwpay-Sandbox-Version`, sandbox-only, like
/// stripe-mock's own), so that a test suite can require a minimum version. Outermost, so that
/// errors thrown outside the problem middleware (a misdirected host) carry it too.
struct VersionHeaderMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    static let header = HTTPField.Name("Fwpay-Sandbox-Version")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = SandboxVersion.string
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[Self.header] = SandboxVersion.string
            return response
        }
    }
}
