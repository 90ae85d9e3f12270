/// Offers: one per payment method, priced for an amount and the payer's country.
public struct Offers: Sendable {
    let transport: Transport

    /// Offers to pay `amount` (subunits of the recipient's billing currency) to `recipientID`
    /// from `country` (ISO 3166 alpha-2) (GET /offers?amount=&country=&recipient=).
    /// An offer id is good for one order, created with the same payer country.
    public func list(recipientID: String, amount: Int64, country: String, options: CallOptions = .standard) throws(FWPayError) -> Reply {
        try Check.identifier(recipientID, field: "recipient_id")
        guard amount > 0 else {
            throw .invalidParameter(source: "/amount", param: "amount", "must be a positive integer number of subunits (got \(amount))")
        }
        guard !country.isEmpty else { throw .invalidParameter(source: "/country", param: "country", type: "missing_param", "is required") }
        var query = QueryString()
        query.add("amount", String(amount))
        query.add("country", country)
        query.add("recipient", recipientID)
        return try transport.send(HTTPRequest(method: .get, path: "/offers" + query.text, template: "/offers"), options: options)
    }
}
