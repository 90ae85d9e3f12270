/// Builds "?name=value&..." with RFC 3986 percent-encoding of every value.
struct QueryString {
    private var pairs: [(String, String)] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { pairs.append((name, value)) }
    }

    var text: String {
        pairs.isEmpty ? "" : "?" + pairs.map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF")
                encoded += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }
}

/// Page selection for list endpoints: `page` from 1, `per_page` 1 to 100; nil means the
/// server's default (page 1, 10 per page).
public struct PageRequest: Sendable {
    public var page: Int?
    public var perPage: Int?

    public init(page: Int? = nil, perPage: Int? = nil) {
        self.page = page
        self.perPage = perPage
    }

    func add(to query: inout QueryString) throws(FWPayError) {
        if let page {
            guard page >= 1 else { throw FWPayError(.invalidArgument, "page must be 1 or more (got \(page))") }
            query.add("page", String(page))
        }
        if let perPage {
            guard (1...100).contains(perPage) else {
                throw FWPayError(.invalidArgument, "per_page must be between 1 and 100 (got \(perPage))")
            }
            query.add("per_page", String(perPage))
        }
    }
}
