import Foundation
import Hummingbird

extension Request {
    /// The request's JSON object body, or the problem a client should see: 415 for another
    /// content type, 413 above the context's upload limit, 400 for anything but a JSON object.
    func jsonObject(context: SandboxRequestContext) async throws -> JSON {
        if let type = headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(status: .unsupportedMediaType, title: "Unsupported Media Type",
                          detail: "The body must be sent as application/json, not \(type)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw Problem(status: .contentTooLarge, title: "Payload Too Large",
                          detail: "The body is larger than \(context.maxUploadSize) bytes")
        }
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("The body is empty; a JSON object is required") }
        let value: JSON
        do {
            value = try buffer.withUnsafeReadableBytes { try JSON.parse(utf8: $0) }
        } catch {
            throw Problem.badRequest("The body is not valid JSON: \(error)")
        }
        guard value.members != nil else { throw Problem.badRequest("The body must be a JSON object, not \(value.typeName)") }
        return value
    }
}

/// `page` and `per_page` of a list request (defaults 1 and 10, per_page at most 100).
struct Pagination {
    let page: Int
    let perPage: Int

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        page = try Self.number(query["page"].map(String.init), name: "page", default: 1, range: 1...1_000_000)
        perPage = try Self.number(query["per_page"].map(String.init), name: "per_page", default: 10, range: 1...100)
    }

    /// The list envelope: `{"<name>": [...], "page", "per_page", "total_entries", "total_pages"}`.
    func envelope(_ name: String, _ entries: [JSON], total: Int) -> JSON {
        .object([
            (name, .array(entries)), ("page", .integer(Int64(page))), ("per_page", .integer(Int64(perPage))),
            ("total_entries", .integer(Int64(total))), ("total_pages", .integer(Int64((total + perPage - 1) / perPage))),
        ])
    }

    private static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.badRequest("Invalid parameters", errors: [Problem.Entry(
                source: name, param: name, type: "invalid_param",
                message: "must be an integer from \(range.lowerBound) to \(range.upperBound)")])
        }
        return number
    }
}
