import Logging
import ServiceLifecycle

/// Checkpoints the database's write-ahead log several times a second, in the background,
/// instead of SQLite doing it inside a request's commit (see SandboxDatabase.checkpointWAL).
struct WALCheckpointer: Service {
    let database: SandboxDatabase
    let logger: Logger
    var interval: Duration = .milliseconds(50)

    func run() async throws {
        // Shutting down cancels the loop; closing the database checkpoints what is left.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await database.checkpointWAL() } catch {
                    logger.error("WAL checkpoint failed: \(error)")
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
