/// Recipients (portals): who receives a payment, with their fields and amount limits.
public struct Recipients: Sendable {
    let transport: Transport

    /// One page of the recipients available to this client (GET /recipients).
    public func list(_ page: PageRequest = PageRequest()) throws(FWPayError) -> JSONValue {
        var query = QueryString()
        try page.add(to: &query)
        return try transport.send(HTTPRequest(method: .get, path: "/recipients" + query.text))
    }

    /// A recipient's details: name, country, billing currency, fields (with `required`) and
    /// settings such as amount limits (GET /recipients/{id}).
    public func get(_ recipientID: String) throws(FWPayError) -> JSONValue {
        try Check.identifier(recipientID, field: "recipient_id")
        return try transport.send(HTTPRequest(method: .get, path: "/recipients/\(recipientID)"))
    }
}
