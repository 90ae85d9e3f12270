import Foundation
import Logging
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers queued notifications: POSTs each body with `X-Flywire-Digest`, counts a 2xx as
/// delivered and anything else (3xx included: redirects are not followed) as a failure to
/// retry with exponential backoff (flywire-api.md §5 [S]).
struct NotificationDelivery: Service {
    let database: SandboxDatabase
    let logger: Logger
    /// First retry delay in seconds; it doubles each attempt.
    let retryBase: Double
    let maximumAttempts: Int
    /// Deliver to hosts that are not loopback. Off by default: a local sandbox must not send
    /// traffic out because an example names a public URL.
    let deliverAnywhere: Bool

    func run() async throws {
        let session = URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil)
        // Shutting down cancels the loop; that is a normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var due: [(NotificationRecord, String)] = []
                do { due = try await database.dueNotifications(limit: 16) } catch { logger.error("notifications: \(error)") }
                await withTaskGroup(of: Void.self) { group in
                    for (notification, secret) in due {
                        group.addTask { await deliver(notification, secret: secret, session: session) }
                    }
                }
                try await Task.sleep(for: .milliseconds(due.isEmpty ? 100 : 5))
            }
        }
    }

    private func deliver(_ notification: NotificationRecord, secret: String, session: URLSession) async {
        guard let id = notification.id else { return }
        var statusCode: Int?
        var failure: String?
        if let url = URL(string: notification.url), !deliverAnywhere, !Self.isLoopback(url.host ?? "") {
            failure = "not sent: \(url.host ?? "this host") is not a loopback address (start the sandbox with --deliver-anywhere to allow it)"
            do {
                try await database.recordAttempt(id, statusCode: nil, error: failure, retryBase: retryBase, maximumAttempts: 1)
            } catch {
                logger.error("recording notification \(id): \(error)")
            }
            return
        }
        if let url = URL(string: notification.url), url.scheme == "http" || url.scheme == "https" {
            var request = URLRequest(url: url, timeoutInterval: 5)
            request.httpMethod = "POST"
            request.httpBody = Data(notification.body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(Digest.flywireDigest(body: notification.body, secret: secret), forHTTPHeaderField: "X-Flywire-Digest")
            request.setValue("fwpay-sandbox", forHTTPHeaderField: "User-Agent")
            do {
                let (_, response) = try await session.data(for: request)
                statusCode = (response as? HTTPURLResponse)?.statusCode
            } catch {
                failure = String(describing: error).prefix(300).description
            }
        } else {
            failure = "not an http or https URL"
        }
        do {
            try await database.recordAttempt(id, statusCode: statusCode, error: failure, retryBase: retryBase, maximumAttempts: maximumAttempts)
        } catch {
            logger.error("recording notification \(id): \(error)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// A redirect is an answer, not a delivery: do not follow it.
    private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
