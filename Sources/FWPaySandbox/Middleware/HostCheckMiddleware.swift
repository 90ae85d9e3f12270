import Hummingbird

/// Answers only requests addressed to this sandbox by a loopback name or a configured host:
/// a page on another site that points its own name at 127.0.0.1 (DNS rebinding) cannot use
/// the sandbox, and no link is made from a stranger's Host header (finding L9).
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let allowed: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let authority = request.head.authority {
            guard let host = Loopback.host(ofAuthority: authority)?.lowercased() else {
                throw Problem(status: .badRequest, title: "Bad Request",
                              detail: "The Host header must be a host name or address and an optional port")
            }
            guard Loopback.contains(host) || allowed.contains(host) else {
                throw Problem(status: .misdirectedRequest, title: "Misdirected Request",
                              detail: "This sandbox answers to loopback names only (start it with --allowed-host to add one)")
            }
        }
        return try await next(request, context)
    }
}
