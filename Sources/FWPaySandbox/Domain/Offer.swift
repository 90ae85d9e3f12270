import Foundation

/// An offer: one way to pay an amount from a country. Its id encodes what it was made for,
/// as Flywire's ids do (base64 of "10000 pt_bank_transfer_cad ES"), so the sandbox needs no
/// table of offers and can check that an order uses an offer made for the payer's country.
struct Offer: Sendable, Equatable {
    enum Method: String, Sendable, CaseIterable {
        case bankTransfer = "bank_transfer"
        case card = "card"
    }

    let amount: Int64
    let method: Method
    let currency: Currency
    let country: String

    var id: String {
        Data("\(amount) pt_\(method.rawValue)_\(currency.code.lowercased()) \(country)".utf8).base64EncodedString()
    }

    /// Reads an offer id; nil when it is not one the sandbox made.
    init?(id: String) {
        guard id.count <= 200, let data = Data(base64Encoded: id), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 3, let amount = Int64(parts[0]), amount > 0, parts[1].hasPrefix("pt_") else { return nil }
        // "pt_<method>_<currency>"; the method may itself hold underscores (bank_transfer).
        let kind = parts[1].dropFirst(3)
        guard let separator = kind.lastIndex(of: "_") else { return nil }
        let methodName = String(kind[..<separator])
        let currencyCode = String(kind[kind.index(after: separator)...]).uppercased()
        guard let method = Method(rawValue: methodName), let currency = Currency.named(currencyCode) else { return nil }
        self.init(amount: amount, method: method, currency: currency, country: String(parts[2]))
    }

    init(amount: Int64, method: Method, currency: Currency, country: String) {
        self.amount = amount
        self.method = method
        self.currency = currency
        self.country = country
    }

    /// Fields a payer must give for this offer (some countries' regulations require them).
    var requiredFields: [String] {
        country == "IN" && method == .bankTransfer ? ["pan_number"] : []
    }

    /// The offer as GET /offers lists it, priced for a recipient billing in `billing`.
    func json(billing: Currency) -> JSON {
        let price = billing.convert(amount, to: currency)
        return .object([
            ("id", .string(id)),
            ("type", .string(method.rawValue)),
            ("price", .object([("value", .integer(price)), ("currency", .string(currency.code))])),
            ("amount_to", .object([("value", .integer(amount)), ("currency", .string(billing.code))])),
            ("exchange_rate", .real(billing == currency ? 1 : ((currency.perUSD / billing.perUSD) * 1.01 * 1_000_000).rounded() / 1_000_000)),
            ("fields", .array(requiredFields.map { .object([("id", .string($0)), ("required", .bool(true))]) })),
        ])
    }
}
