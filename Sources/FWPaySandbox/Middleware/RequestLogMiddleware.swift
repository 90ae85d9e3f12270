import Foundation
import HTTPTypes
import Hummingbird

/// Records each API and control request of a client in its `RequestLog` (method, path, status,
/// request id, idempotency key, whether it was a replay, time taken, the problem of an error),
/// and with `--log-requests` writes one line per request to stderr. Inside the API key check,
/// outside faults and idempotency, so that it sees what the client saw.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let log: RequestLog
    /// Whose clocks the entries are dated by.
    let database: SandboxDatabase
    let printLines: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code,
                   replayed: response.headers[IdempotencyMiddleware.replayed] == "true", problem: nil, since: started)
            return response
        } catch let problem as Problem {
            record(request, context, status: problem.status.code, replayed: false, problem: problem.body, since: started)
            throw problem
        } catch {
            record(request, context, status: 500, replayed: false, problem: nil, since: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, replayed: Bool, problem: JSON?,
                        since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let path = String(request.uri.description.prefix(2_048))
        let key = request.headers[IdempotencyMiddleware.header].map { String($0.prefix(255)) }
        let agent = request.headers[.userAgent].map { String($0.prefix(255)) }
        let id = "req_" + context.id
        let noted = log.takeProblem(requestID: id)
        let entry = RequestLog.Entry(requestID: id, method: request.method.rawValue, path: path, status: status,
                                     idempotencyKey: key, userAgent: agent, replayed: replayed, milliseconds: milliseconds, problem: problem ?? noted,
                                     at: database.clock(of: context.apiClient?.id ?? "").isoTimestamp())
        if let client = context.apiClient { log.record(entry, clientID: client.id) }
        if printLines {
            let line = "fwpay-sandbox: \(entry.requestID) \(entry.method) \(Self.printable(path)) \(status) "
                + String(format: "%.1f ms", milliseconds) + (replayed ? " replayed" : "") + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A path as a terminal may show it: control characters escaped.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "%" + String(format: "%02X", $0.value) : String($0) }.joined())
    }
}

/// Notes the problem a route throws for the request log, inside the idempotency layer, which
/// stores a problem as an answer and hands it on as a plain response.
struct ProblemNoteMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            log.note(problem: problem.body, requestID: "req_" + context.id)
            throw problem
        }
    }
}
