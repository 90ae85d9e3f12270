/// Offers: one per payment method, priced for an amount and the payer's country.
public struct Offers: Sendable {
    let transport: Transport

    /// Offers to pay `amount` (subunits of the recipient's billing currency) to `recipientID`
    /// from `country` (ISO 3166 alpha-2) (GET /offers?amount=&country=&recipient=).
    /// An offer id is good for one order, created with the same payer country.
    public func list(recipientID: String, amount: Int64, country: String) throws(FWPayError) -> JSONValue {
        try Check.identifier(recipientID, field: "recipient_id")
        guard amount > 0 else {
            throw .invalidParameter(source: "/amount", param: "amount", "must be a positive integer number of subunits (got \(amount))")
        }
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw .invalidParameter(source: "/country", param: "country",
                                    "must be an ISO 3166 two-letter country code in capitals, like \"ES\"")
        }
        var query = QueryString()
        query.add("amount", String(amount))
        query.add("country", country)
        query.add("recipient", recipientID)
        return try transport.send(HTTPRequest(method: .get, path: "/offers" + query.text))
    }
}
