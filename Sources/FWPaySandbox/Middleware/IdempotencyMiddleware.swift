import HTTPTypes
import Hummingbird

/// Honours `Idempotency-Key` on POST: the first request runs and its answer (success or
/// 4xx) is stored; a retry with the same key and body gets that answer again without running;
/// the same key with another body gets 422; while the first still runs, 409. Every answer
/// that honoured the key echoes it, which is how clients learn retries are safe.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
    let database: SandboxDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[Self.header], let client = context.apiClient else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Problem.badRequest("Invalid Idempotency-Key header", errors: [Problem.Entry(
                source: "Idempotency-Key", param: "Idempotency-Key", type: "invalid_param",
                message: "must be 1 to 255 printable ASCII characters without spaces")])
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: context.maxUploadSize) } catch {
            throw Problem(status: .contentTooLarge, title: "Payload Too Large", detail: "The body is larger than \(context.maxUploadSize) bytes")
        }
        let path = request.uri.path
        let hash = Digest.sha256(Array(buffer: body))
        switch try database.beginIdempotent(client: client, key: key, method: request.method.rawValue, path: path, hash: hash) {
        case .replay(let status, let text):
            var response = Response.json((try? JSON.parse(text)) ?? .null, status: HTTPResponse.Status(code: status))
            response.headers[Self.header] = key
            response.headers[Self.replayed] = "true"
            return response
        case .mismatch:
            throw Problem.invalid(source: "Idempotency-Key", param: "Idempotency-Key", type: "invalid_param",
                                  "was already used with a different request")
        case .inProgress:
            throw Problem(status: .conflict, title: "Conflict", detail: "A request with this Idempotency-Key is still being handled")
        case .started:
            break
        }
        let status: HTTPResponse.Status
        let text: String
        var headers = HTTPFields()
        do {
            let response = try await next(request, context)
            let collected = CollectedBody()
            try await response.body.write(BodyCollector(into: collected))
            status = response.status
            text = String(buffer: collected.buffer)
            headers = response.headers
        } catch let problem as Problem where problem.status.code < 500 {
            status = problem.status
            text = problem.body.text
            headers[.contentType] = "application/json; charset=utf-8"
        } catch {
            database.abandonIdempotent(client: client, key: key)
            throw error
        }
        database.finishIdempotent(client: client, key: key, status: status.code, body: text, logger: context.logger)
        headers[Self.header] = key
        headers[.contentLength] = nil
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Where a collected response body ends up (the writer itself is consumed by `write`).
    private final class CollectedBody: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    /// Collects a response body so it can be stored and sent.
    private struct BodyCollector: ResponseBodyWriter {
        let into: CollectedBody
        mutating func write(_ part: ByteBuffer) async throws {
            var part = part
            into.buffer.writeBuffer(&part)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
