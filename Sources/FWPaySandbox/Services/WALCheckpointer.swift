import Logging
import ServiceLifecycle

/// Checkpoints the database's write-ahead log in the background, instead of SQLite doing it
/// inside a request's commit (see SandboxDatabase.checkpointWAL): every 50 ms while the log
/// grows, every 200 ms while nothing is written (a burst of writes after a quiet spell then
/// grows the log by at most 200 ms of them).
struct WALCheckpointer: Service {
    let database: SandboxDatabase
    let logger: Logger
    var busyInterval: Duration = .milliseconds(50)
    var idleInterval: Duration = .milliseconds(200)

    func run() async throws {
        // Shutting down cancels the loop; closing the database checkpoints what is left.
        try? await cancelWhenGracefulShutdown {
            var lastFrames = 0
            while !Task.isCancelled {
                var frames = lastFrames
                do { frames = try await database.checkpointWAL() } catch {
                    logger.error("WAL checkpoint failed: \(error)")
                }
                try await Task.sleep(for: frames == lastFrames ? idleInterval : busyInterval)
                lastFrames = frames
            }
        }
    }
}
