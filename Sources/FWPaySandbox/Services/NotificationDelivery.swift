import Foundation
import Logging
import ServiceLifecycle
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers queued notifications: POSTs each body with `X-Flywire-Digest`, counts a 2xx as
/// delivered and anything else (3xx included: redirects are not followed) as a failure to
/// retry with exponential backoff (flywire-api.md §5 [S]).
///
/// A receiver is a stranger's server (security findings H1, M4): only its status line is read,
/// never its body; a delivery takes at most `deadline` seconds in all; deliveries run side by
/// side, a few per client at most, so that one slow receiver delays only its own client's
/// notifications.
struct NotificationDelivery: Service {
    let database: SandboxDatabase
    let logger: Logger
    /// First retry delay in seconds; it doubles each attempt.
    let retryBase: Double
    let maximumAttempts: Int
    /// Deliver to hosts that are not loopback. Off by default: a local sandbox must not send
    /// traffic out because an example names a public URL.
    let deliverAnywhere: Bool
    /// A delivery's whole time, connection included.
    var deadline = 10.0
    /// Deliveries under way at once, in all and per client.
    var concurrent = 32
    var perClient = 4

    func run() async throws {
        let poster = NotificationPoster(deadline: deadline, connections: concurrent)
        let underWay = UnderWay()
        // Shutting down cancels the loop; that is a normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    var due: [(NotificationRecord, String)] = []
                    do { due = try await database.dueNotifications(perClient: perClient, limit: 4 * concurrent) }
                    catch is CancellationError { break }
                    catch { logger.error("notifications: \(error)") }
                    var started = 0
                    for (notification, secret) in due {
                        guard let id = notification.id,
                              underWay.claim(id, client: notification.clientID, total: concurrent, perClient: perClient) else { continue }
                        started += 1
                        group.addTask {
                            await deliver(notification, secret: secret, poster: poster)
                            underWay.release(id, client: notification.clientID)
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(started == 0 ? 100 : 5))
                }
            }
        }
    }

    private func deliver(_ notification: NotificationRecord, secret: String, poster: NotificationPoster) async {
        // The list it came from may have been read just before another delivery of it ended:
        // deliver it only if it is still due (never twice for one due time).
        guard let id = notification.id, (try? database.isDue(notification)) == true else { return }
        var statusCode: Int?
        var failure: String?
        var attempts = maximumAttempts
        if let url = URL(string: notification.url), url.scheme == "http" || url.scheme == "https" {
            if !deliverAnywhere, !Loopback.contains(url.host ?? "") {
                failure = "not sent: \(url.host ?? "this host") is not a loopback address (start the sandbox with --deliver-anywhere to allow it)"
                attempts = 1
            } else {
                let headers = [("Content-Type", "application/json"), ("User-Agent", "fwpay-sandbox"),
                               ("X-Flywire-Digest", Digest.flywireDigest(body: notification.body, secret: secret))]
                if url.scheme == "http" {
                    (statusCode, failure) = await ReceiverConnection.post(to: url, headers: headers, body: notification.body,
                                                                          connectTimeout: .seconds(5), deadline: .seconds(Int64(deadline)))
                } else {
                    // https (only with --deliver-anywhere or a TLS receiver on loopback) goes
                    // through Foundation, bounded in time by the poster.
                    var request = URLRequest(url: url, timeoutInterval: deadline)
                    request.httpMethod = "POST"
                    request.httpBody = Data(notification.body.utf8)
                    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
                    (statusCode, failure) = await poster.post(request)
                }
            }
        } else {
            failure = "not an http or https URL"
        }
        do {
            try await database.recordAttempt(id, statusCode: statusCode, error: failure, retryBase: retryBase, maximumAttempts: attempts)
        } catch {
            logger.error("recording notification \(id): \(error)")
        }
    }

    /// The notifications being delivered, so that none is sent twice at once.
    private final class UnderWay: Sendable {
        private let state = Mutex<(ids: Set<Int64>, perClient: [String: Int])>(([], [:]))

        func claim(_ id: Int64, client: String, total: Int, perClient: Int) -> Bool {
            state.withLock { state in
                guard !state.ids.contains(id), state.ids.count < total, state.perClient[client, default: 0] < perClient else { return false }
                state.ids.insert(id)
                state.perClient[client, default: 0] += 1
                return true
            }
        }

        func release(_ id: Int64, client: String) {
            state.withLock { state in
                state.ids.remove(id)
                state.perClient[client, default: 1] -= 1
            }
        }
    }
}

/// POSTs a notification over https with Foundation and keeps only the answer's status: the
/// task is cancelled when the status line and headers arrive, redirects are not followed, and
/// the whole exchange is bounded by `deadline`. (Plain http goes through ReceiverConnection,
/// which reads nothing past the head for certain.)
final class NotificationPoster: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let state = Mutex<[Int: (status: Int?, done: CheckedContinuation<(Int?, String?), Never>)]>([:])
    private var session: URLSession!

    init(deadline: Double, connections: Int) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = min(5, deadline)
        configuration.timeoutIntervalForResource = deadline
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    /// The status code, or why there is none.
    func post(_ request: URLRequest) async -> (Int?, String?) {
        await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            state.withLock { $0[task.taskIdentifier] = (nil, continuation) }
            task.resume()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode
        state.withLock { $0[dataTask.taskIdentifier]?.status = status }
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        dataTask.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let (status, done) = state.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let status { done.resume(returning: (status, nil)) }
        else { done.resume(returning: (nil, String(describing: error ?? URLError(.badServerResponse)).prefix(300).description)) }
    }
}
