import Hummingbird
import NIOCore

/// Applies the faults a client asked for to that client's API requests.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let faults: FaultInjector

    /// Thrown after closing a connection on purpose: there is no one left to answer.
    struct ConnectionDropped: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let client = context.apiClient,
              let fault = faults.take(clientID: client.id, method: request.method.rawValue,
                                      path: String(request.uri.path.dropFirst(apiBasePath.count))) else {
            return try await next(request, context)
        }
        switch fault.kind {
        case .latency:
            try await Task.sleep(for: .milliseconds(fault.latencyMilliseconds))
            return try await next(request, context)
        case .error:
            let status = HTTPResponse.Status(code: fault.status)
            throw Problem(status: status, title: status.reasonPhrase, detail: "Injected fault")
        case .rateLimit:
            throw Problem(status: .tooManyRequests, title: "Too Many Requests", detail: "Injected fault: rate limited")
        case .dropBefore:
            try await context.channel?.close()
            throw ConnectionDropped()
        case .dropAfter:
            _ = try await next(request, context)
            try await context.channel?.close()
            throw ConnectionDropped()
        }
    }
}
