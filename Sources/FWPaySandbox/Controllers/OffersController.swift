import Hummingbird

/// GET /offers?amount=&country=&recipient=: one offer per payment method, priced in the
/// payer's currency for an amount in the recipient's billing currency.
struct OffersController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var errors: [Problem.Entry] = []
        func missing(_ name: String) { errors.append(Problem.Entry(source: name, param: name, type: "missing_param", message: "is required")) }
        func invalid(_ name: String, _ message: String) { errors.append(Problem.Entry(source: name, param: name, type: "invalid_param", message: message)) }

        let amountText = query["amount"].map(String.init)
        let country = query["country"].map(String.init)
        let recipientID = query["recipient"].map(String.init)
        var amount: Int64 = 0
        if let amountText {
            if let value = Int64(amountText), value > 0 { amount = value } else { invalid("amount", "must be a positive integer number of subunits") }
        } else { missing("amount") }
        var payerCurrency: Currency?
        if let country {
            payerCurrency = Currency.of(country: country)
            if payerCurrency == nil { invalid("country", "is not a supported country") }
        } else { missing("country") }
        if recipientID == nil { missing("recipient") }
        guard errors.isEmpty, let country, let recipientID, let payerCurrency else {
            throw Problem.badRequest("Invalid parameters", errors: errors)
        }
        guard let recipient = database.recipient(recipientID) else {
            throw Problem.notFound("Recipient \(recipientID) not found")
        }
        let offers = Offer.Method.allCases.map {
            Offer(amount: amount, method: $0, currency: payerCurrency, country: country).json(billing: recipient.billingCurrency)
        }
        return .json(.object([("offers", .array(offers))]))
    }
}
