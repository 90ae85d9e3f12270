/// Recipients (portals): who receives a payment, with their fields and amount limits.
public struct Recipients: Sendable {
    let transport: Transport

    /// One page of the recipients available to this client (GET /recipients).
    public func list(_ page: PageRequest = PageRequest(), options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try transport.send(HTTPRequest(method: .get, path: try ListQuery.path("/recipients", filters: nil, allowed: [], page: page), template: "/recipients"),
                           options: options)
    }

    /// A recipient's details: name, country, billing currency, fields (with `required`) and
    /// settings such as amount limits (GET /recipients/{id}).
    public func get(_ recipientID: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(recipientID, field: "recipient_id")
        return try transport.send(HTTPRequest(method: .get, path: "/recipients/\(recipientID)", template: "/recipients/{recipient_id}"), options: options)
    }

    /// Every recipient whose name or id contains `name`, ignoring case and accents, across all
    /// pages (seed 000: "retrieve recipient IDs by searching for the recipient's name"):
    /// `{"recipients": [...]}`.
    public func search(_ name: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let needle = TextFolding.fold(name)
        guard !needle.isEmpty else { throw FWPayError(.invalidArgument, "name must not be empty") }
        guard name.utf8.count <= 256 else { throw FWPayError(.invalidArgument, "name is longer than 256 bytes") }
        let pages = PageIterator(transport: transport, path: "/recipients", collection: "recipients", filters: nil,
                                 allowedFilters: [], perPage: 100, options: options)
        var found: [JSONValue] = []
        var last: Reply?
        while let recipient = try pages.next() {
            let haystack = TextFolding.fold((recipient["name"]?.stringValue ?? "") + " " + (recipient["id"]?.stringValue ?? ""))
            if haystack.contains(needle) { found.append(recipient) }
            last = pages.lastReply
        }
        return Reply(value: .object(JSONObject([("recipients", .array(found))])), httpStatus: last?.httpStatus ?? 200,
                     requestID: last?.requestID, idempotencyKey: nil)
    }
}
