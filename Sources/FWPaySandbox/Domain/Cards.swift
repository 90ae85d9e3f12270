/// Flywire's test cards (flywire-api.md §4) and the card holder names that choose an outcome.
enum TestCard {
    struct Card: Sendable {
        let number: String
        let brand: String
        let cvvLength: Int
    }

    static let all = [
        Card(number: "4111111111111111", brand: "visa", cvvLength: 3),
        Card(number: "5454545454545454", brand: "mastercard", cvvLength: 3),
        Card(number: "370000000000002", brand: "amex", cvvLength: 4),
    ]

    static func card(number: String) -> Card? {
        let digits = number.filter { $0 != " " && $0 != "-" }
        return all.first { $0.number == digits }
    }
}

/// What the card network says to a charge of a test card, chosen by the card holder's name.
enum CardOutcome: Sendable, Equatable {
    case approved
    /// Accepted for review [S]: the charge is `pending`, then processed an hour later.
    case pending
    case declined(reason: String, code: String)

    init(holder: String) {
        switch holder.uppercased().trimmingCharacters(in: .whitespaces) {
        case "MAGICVALUE CARD EXPIRED": self = .declined(reason: "card_expired", code: "54")
        case "MAGICVALUE NOT ENOUGH BALANCE": self = .declined(reason: "insufficient_funds", code: "51")
        case "MAGICVALUE FRAUD": self = .declined(reason: "suspected_fraud", code: "59")
        case "MAGICVALUE PENDING": self = .pending
        default: self = .approved
        }
    }
}

/// A card as the payer gave it on the form, reduced to what may be kept and shown: brand,
/// last four digits, expiry (never the number or the CVV).
struct CardDetails: Sendable, Equatable {
    var brand: String
    var lastFour: String
    /// "MM/YYYY".
    var expiration: String
    var holder: String
    var classification = "credit"
    var country = "US"
    var issuer = "FWPAY SANDBOX BANK"

    /// The card of a submitted form as stored (`PayerForm.storable`: brand and last four
    /// digits), or as sent (a test card number).
    init(form: JSON) {
        let card = TestCard.card(number: form["card_number"]?.string ?? "")
        let (month, year) = PayerForm.expiration(form["card_expiration"]?.string ?? "") ?? (3, 2030)
        brand = card?.brand ?? form["card_brand"]?.string ?? TestCard.all[0].brand
        lastFour = card.map { String($0.number.suffix(4)) } ?? form["card_last_four"]?.string ?? String(TestCard.all[0].number.suffix(4))
        expiration = (month < 10 ? "0" : "") + "\(month)/\(year)"
        holder = form["card_holder"]?.string ?? ""
    }

    init(brand: String, lastFour: String, expiration: String, holder: String) {
        self.brand = brand
        self.lastFour = lastFour
        self.expiration = expiration
        self.holder = holder
    }

    var outcome: CardOutcome { CardOutcome(holder: holder) }
}
