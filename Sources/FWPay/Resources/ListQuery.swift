/// Filters and page selection of a list call, as one query string. Filters are a JSON object
/// of strings or integers (`{"status": "delivered", "recipient": "FWU"}`).
struct ListQuery {
    static func path(_ base: String, filters: JSONValue?, allowed: [String], page: PageRequest) throws(FWPayError) -> String {
        var query = QueryString()
        if let filters, filters != .null {
            guard case .object(let members) = filters else {
                throw FWPayError(.invalidArgument, "filters must be a JSON object, not \(filters.typeName)")
            }
            for (name, value) in members.members where value != .null {  // null: no filter
                guard allowed.contains(name) else {
                    throw FWPayError(.invalidArgument, "filter \"\(name)\" is not one of \(allowed.joined(separator: ", "))")
                }
                switch value {
                case .string(let text):
                    guard text.utf8.count <= 256 else { throw FWPayError(.invalidArgument, "filter \"\(name)\" is longer than 256 bytes") }
                    query.add(name, text)
                case .integer(let number): query.add(name, String(number))
                default: throw FWPayError(.invalidArgument, "filter \"\(name)\" must be a string, not \(value.typeName)")
                }
            }
        }
        try page.add(to: &query)
        return base + query.text
    }
}
