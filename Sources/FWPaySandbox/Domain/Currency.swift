/// Currencies the sandbox knows: subunits per unit (flywire-api.md §1: 100 for most, 1 for
/// JPY and KRW, 1000 for BHD, 10 for VND), a display symbol, and a fixed rate to USD for
/// pricing offers.
struct Currency: Sendable, Equatable {
    let code: String
    let subunits: Int64
    let symbol: String
    /// Units of this currency per US dollar.
    let perUSD: Double

    static let all: [Currency] = [
        Currency(code: "USD", subunits: 100, symbol: "$", perUSD: 1),
        Currency(code: "EUR", subunits: 100, symbol: "€", perUSD: 0.92),
        Currency(code: "GBP", subunits: 100, symbol: "£", perUSD: 0.79),
        Currency(code: "JPY", subunits: 1, symbol: "¥", perUSD: 150),
        Currency(code: "BHD", subunits: 1000, symbol: "BHD ", perUSD: 0.376),
        Currency(code: "CAD", subunits: 100, symbol: "CA$", perUSD: 1.36),
        Currency(code: "INR", subunits: 100, symbol: "₹", perUSD: 83),
        Currency(code: "CNY", subunits: 100, symbol: "CN¥", perUSD: 7.2),
        Currency(code: "AUD", subunits: 100, symbol: "A$", perUSD: 1.5),
        Currency(code: "MXN", subunits: 100, symbol: "MX$", perUSD: 17),
        Currency(code: "BRL", subunits: 100, symbol: "R$", perUSD: 5),
        Currency(code: "KRW", subunits: 1, symbol: "₩", perUSD: 1330),
        Currency(code: "VND", subunits: 10, symbol: "₫", perUSD: 24_000),
        Currency(code: "CHF", subunits: 100, symbol: "CHF ", perUSD: 0.88),
    ]

    /// The currency payers from each supported country pay in.
    static let byCountry: [String: String] = [
        "US": "USD", "ES": "EUR", "FR": "EUR", "DE": "EUR", "IT": "EUR", "PT": "EUR", "IE": "EUR",
        "NL": "EUR", "GB": "GBP", "JP": "JPY", "BH": "BHD", "CA": "CAD", "IN": "INR", "CN": "CNY",
        "AU": "AUD", "MX": "MXN", "BR": "BRL", "KR": "KRW", "VN": "VND", "CH": "CHF",
    ]

    static func named(_ code: String) -> Currency? { all.first { $0.code == code } }

    /// What an amount of an unknown currency is read as (recipients and payments only hold
    /// known ones).
    static let dollar = all[0]

    static func of(country: String) -> Currency? { byCountry[country].flatMap(named) }

    /// Digits after the decimal point: 2 for 100 subunits, 3 for 1000, 1 for 10 (VND), 0 for 1.
    var decimals: Int {
        var digits = 0, rest = subunits
        while rest >= 10 { rest /= 10; digits += 1 }
        return digits
    }

    /// "$50.00", "¥5000", "BHD 10.000".
    func format(_ amount: Int64) -> String {
        symbol + number(amount)
    }

    /// The amount without its symbol: "50.00", "5000", "10.000", "1,200.00".
    func number(_ amount: Int64) -> String {
        let digits = decimals
        let units = amount / subunits
        let rest = amount % subunits
        var unitText = String(units)
        var grouped = ""
        while unitText.count > 3 {
            grouped = "," + unitText.suffix(3) + grouped
            unitText.removeLast(3)
        }
        grouped = unitText + grouped
        guard digits > 0 else { return grouped }
        let fraction = String(rest)
        return grouped + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The amount in major units as plain decimal text, without grouping: "1500.00", "5000",
    /// "10.000" (what a classic callback carries).
    func decimal(_ amount: Int64) -> String {
        let digits = decimals
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        let units = magnitude / UInt64(subunits), rest = magnitude % UInt64(subunits)
        guard digits > 0 else { return sign + String(units) }
        let fraction = String(rest)
        return sign + String(units) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `amount` subunits of this currency in `target`'s subunits at the sandbox's fixed rates,
    /// plus `markup` (a fraction) when the currencies differ.
    func convert(_ amount: Int64, to target: Currency, markup: Double = 0.01) -> Int64 {
        guard target != self else { return amount }
        let units = Double(amount) / Double(subunits)
        let converted = (units / perUSD * target.perUSD * (1 + markup) * Double(target.subunits)).rounded()
        // Amounts near Int64.max would trap in Int64(_:); they saturate instead.
        guard converted < Double(Int64.max) else { return Int64.max }
        return max(1, Int64(converted))
    }
}
