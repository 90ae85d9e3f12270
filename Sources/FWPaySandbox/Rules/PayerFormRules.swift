/// What the payer sends on the hosted form, checked field by field.
enum PayerForm {
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    /// The field errors of a submission (`field -> message`), empty when it is acceptable.
    /// `now` is the sandbox clock, against which the card's expiry is checked.
    static func errors(_ form: [String: String], now: Double) -> [String: String] {
        var errors: [String: String] = [:]
        for field in ["first_name", "last_name", "email", "country", "card_number", "card_expiration", "cvv", "card_holder"]
        where (form[field] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors[field] = "is required"
        }
        if let email = form["email"], !email.isEmpty, !isEmail(email) { errors["email"] = "must be a valid email" }
        if let country = form["country"], !country.isEmpty, Currency.of(country: country) == nil { errors["country"] = "is not a supported country" }
        let card = form["card_number"].flatMap(TestCard.card(number:))
        if let number = form["card_number"], !number.isEmpty, card == nil {
            errors["card_number"] = "is not a test card: use 4111 1111 1111 1111, 5454 5454 5454 5454 or 3700 0000 0000 002"
        }
        if let cvv = form["cvv"], !cvv.isEmpty, let card, cvv.count != card.cvvLength || !cvv.allSatisfy(\.isNumber) {
            errors["cvv"] = "must be \(card.cvvLength) digits"
        }
        if let expiry = form["card_expiration"], !expiry.isEmpty {
            if let (month, year) = expiration(expiry) {
                let today = SandboxClock.date(now)
                let current: Int = today.year * 12 + today.month
                if year * 12 + month < current { errors["card_expiration"] = "has passed" }
            } else {
                errors["card_expiration"] = "must be MM/YY or MM/YYYY"
            }
        }
        return errors
    }

    /// (month, four-digit year) of "03/30" or "03/2030".
    static func expiration(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month), let year = Int(parts[1]) else { return nil }
        if parts[1].count == 2 { return (month, 2000 + year) }
        return parts[1].count == 4 ? (month, year) : nil
    }
}

extension PayerForm {
    /// What of a checked submission may be kept: never the card number or the CVV, only the
    /// brand and the last four digits beside the expiry and holder (finding L10; PCI DSS).
    static func storable(_ form: [String: String]) -> [String: String] {
        var kept = form
        kept["cvv"] = nil
        if let number = kept.removeValue(forKey: "card_number"), let card = TestCard.card(number: number) {
            kept["card_brand"] = card.brand
            kept["card_last_four"] = String(card.number.suffix(4))
        }
        return kept
    }

    /// The payer's part of a stored form (what the payment keeps as its payer and the confirm
    /// answers as `payor`): no card member.
    static func payer(of form: JSON) -> JSON {
        ["card_number", "cvv", "card_brand", "card_last_four"].reduce(form) { $0.removing($1) }
    }

    /// Refuses a form sent for a session that was confirmed or has expired.
    static func checkSubmittable(_ session: SessionRecord, now: Double) throws {
        guard session.status != .confirmed else {
            throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status", "has already been confirmed")
        }
        guard now <= session.expiresAt else {
            throw Problem.invalid(source: "/session", param: "session_id", type: "expired", "has expired")
        }
    }
}
