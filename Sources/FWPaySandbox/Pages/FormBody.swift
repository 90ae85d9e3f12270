import Foundation
import Hummingbird

/// An HTML form post (`application/x-www-form-urlencoded`), as name → value.
enum FormBody {
    /// Forms are small; a larger body is refused (413) before it is read.
    static let limit = 64 * 1024

    static func fields(of request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: limit)
        return decode(String(buffer: buffer))
    }

    static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count == 2 ? parts[1] : ""
        }
        return fields
    }

    static func isForm(_ request: Request) -> Bool {
        (request.headers[.contentType]?.lowercased() ?? "").hasPrefix("application/x-www-form-urlencoded")
    }
}

extension Request {
    /// A query parameter of an HTML page, decoded as browsers encode GET forms ("+" is a
    /// space); nil when absent or empty.
    func formQuery(_ name: String) -> String? {
        FormBody.decode(uri.query ?? "")[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
