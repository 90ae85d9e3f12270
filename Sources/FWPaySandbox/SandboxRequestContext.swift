import Hummingbird
import NIOCore

/// The request context of every sandbox route. `apiClient` is set by `APIKeyMiddleware` on
/// the API group; a handler reaching it without a client is a wiring mistake.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var apiClient: ClientRecord?
    /// The connection, so that injected faults can drop it.
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Request bodies above 1 MiB are refused (413).
    public var maxUploadSize: Int { 1 << 20 }

    func requireClient() throws -> ClientRecord {
        guard let apiClient else { throw Problem.unauthorized }
        return apiClient
    }
}
