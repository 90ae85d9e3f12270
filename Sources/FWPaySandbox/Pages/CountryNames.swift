/// Names of the countries whose payers the sandbox accepts (`Currency.byCountry`), for the
/// pages' country lists.
enum CountryNames {
    static let english: [String: String] = [
        "US": "United States", "ES": "Spain", "FR": "France", "DE": "Germany", "IT": "Italy", "PT": "Portugal",
        "IE": "Ireland", "NL": "Netherlands", "GB": "United Kingdom", "JP": "Japan", "BH": "Bahrain", "CA": "Canada",
        "IN": "India", "CN": "China", "AU": "Australia", "MX": "Mexico", "BR": "Brazil", "KR": "South Korea",
        "VN": "Vietnam", "CH": "Switzerland",
    ]

    /// `{value, label, selected}` for a `<select>`, sorted by name.
    static func options(selected: String?) -> [[String: Any]] {
        Currency.byCountry.keys.map { code in (code, english[code] ?? code) }
            .sorted { $0.1 < $1.1 }
            .map { ["value": $0.0, "label": "\($0.1) (\($0.0))", "selected": $0.0 == selected] }
    }
}
