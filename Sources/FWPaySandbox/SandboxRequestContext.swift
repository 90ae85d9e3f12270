import Hummingbird

/// The request context of every sandbox route. `apiClient` is set by `APIKeyMiddleware` on
/// the API group; a handler reaching it without a client is a wiring mistake.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var apiClient: ClientRecord?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Request bodies above 1 MiB are refused (413).
    public var maxUploadSize: Int { 1 << 20 }

    func requireClient() throws -> ClientRecord {
        guard let apiClient else { throw Problem.unauthorized }
        return apiClient
    }
}
