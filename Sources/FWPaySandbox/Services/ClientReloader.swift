import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// On SIGHUP, reads the API clients again (a team adds a key to --clients-file without
/// restarting the sandbox) and makes them the ones that sign in; a key taken out is revoked,
/// its data kept. A client only ever sees its own data, new ones included. A file that cannot
/// be read leaves the clients as they were, and says why on stderr.
struct ClientReloader: Service {
    let database: SandboxDatabase
    let load: @Sendable () throws -> [SandboxConfiguration.APIClient]
    let logger: Logger

    func run() async throws {
        signal(SIGHUP, SIG_IGN)  // delivered to the dispatch source instead of ending the process
        let hangUps = AsyncStream<Void> { continuation in
            nonisolated(unsafe) let source = DispatchSource.makeSignalSource(signal: SIGHUP)
            source.setEventHandler { continuation.yield() }
            continuation.onTermination = { _ in source.cancel() }
            source.resume()
        }
        try? await cancelWhenGracefulShutdown {
            for await _ in hangUps {
                do {
                    let count = try database.replaceClients(load())
                    FileHandle.standardError.write(Data("fwpay-sandbox: SIGHUP: \(count) API clients sign in\n".utf8))
                } catch {
                    FileHandle.standardError.write(Data("fwpay-sandbox: SIGHUP: the clients were not reloaded: \(error)\n".utf8))
                }
            }
        }
    }
}
