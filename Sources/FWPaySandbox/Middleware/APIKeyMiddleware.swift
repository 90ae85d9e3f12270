import HTTPTypes
import Hummingbird

/// Checks `X-Authentication-Key` on every API request: a missing or unknown key gets 401 in
/// Flywire's problem shape; a known one puts its client in the context.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let database: SandboxDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = request.headers[HTTPField.Name("X-Authentication-Key")!], !key.isEmpty, key.utf8.count <= 256,
              let client = database.client(apiKey: key) else {
            throw Problem.unauthorized
        }
        var context = context
        context.apiClient = client
        return try await next(request, context)
    }
}
