import Logging
import ServiceLifecycle

/// Makes scheduled status changes when they fall due in real time (advancing the test clock
/// makes them at once, in the request that advances it).
struct TransitionScheduler: Service {
    let database: SandboxDatabase
    let logger: Logger

    func run() async throws {
        // Shutting down cancels the loop; that is a normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await database.processDueTransitions() } catch {
                    logger.error("scheduled transitions failed: \(error)")
                }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}
