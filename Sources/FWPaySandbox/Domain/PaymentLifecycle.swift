/// Payment statuses and how they change (flywire-api.md §4), with the sandbox's magic values
/// and test cards. Pure rules: the store applies them inside its transactions.
enum PaymentStatus: String, Sendable, CaseIterable {
    case initiated, authorized, adjusted, processed, guaranteed, delivered, failed, cancelled, reversed
}

enum PaymentLifecycle {
    static let minute = 60.0, hour = 3_600.0, day = 86_400.0
    /// A pre-authorization's holding period.
    static let holdingPeriod = 7 * day
    /// A bank transfer whose funds have not arrived is cancelled after this long.
    static let bankTransferExpiry = 8 * day
    /// SANDBOX_TO_VERIFICATION: processed, then guaranteed (or cancelled) after this long.
    static let verificationDelay = 2 * hour
    /// A guaranteed payment is delivered to the recipient after this long [S].
    static let deliveryDelay = 2 * day

    /// Every change the sandbox makes by itself or through the API; a forced transition
    /// (`POST /sandbox/payments/{ref}/transition`) may also make these only.
    static let allowed: [PaymentStatus: Set<PaymentStatus>] = [
        .initiated: [.authorized, .processed, .guaranteed, .failed, .cancelled],
        .authorized: [.adjusted, .processed, .cancelled],
        .adjusted: [.adjusted, .processed, .cancelled],
        .processed: [.guaranteed, .cancelled, .failed],
        .guaranteed: [.delivered, .reversed],
        .delivered: [.reversed],
        .cancelled: [.processed, .initiated],
        .failed: [],
        .reversed: [],
    ]

    /// Where the API's actions are allowed (the store enforces them; the dashboard offers them).
    static let cancellable: Set<PaymentStatus> = [.initiated, .authorized, .adjusted]
    /// A pre-authorization is captured, or its hold adjusted, from these.
    static let holding: Set<PaymentStatus> = [.authorized, .adjusted]
    /// Refunds are made from delivered payments only (flywire-api.md §3).
    static let refundable: Set<PaymentStatus> = [.delivered]

    static func canMove(from: PaymentStatus, to: PaymentStatus) -> Bool {
        allowed[from]?.contains(to) ?? false
    }

    /// Magic values in the payer's first name (flywire-api.md §4).
    enum Magic: String, CaseIterable {
        case toGuaranteed = "SANDBOX_TO_GUARANTEED_STATUS"
        case toDelivered = "SANDBOX_TO_DELIVERED_STATUS"
        case toCancel = "SANDBOX_TO_CANCEL_STATUS"
        case toVerification = "SANDBOX_TO_VERIFICATION"
        case toVerificationFailed = "SANDBOX_TO_VERIFICATION_FAILED"
        case cancelledBackToProcess = "SANDBOX_CANCELLED_BACK_TO_PROCESS_STATUS"

        init?(firstName: String?) {
            guard let firstName else { return nil }
            self.init(rawValue: firstName.trimmingCharacters(in: .whitespaces).uppercased())
        }
    }

    /// A change to make: now (`after` 0) or later on the sandbox clock, if the payment is
    /// then still in one of `onlyFrom`.
    struct Step: Equatable {
        var after: Double
        var status: PaymentStatus
        var onlyFrom: Set<PaymentStatus>
        var reason: String? = nil
    }

    /// What happens to a new payment after it is created `initiated`.
    static func plan(method: String, capture: String, magic: Magic?) -> [Step] {
        if let magic {
            switch magic {
            case .toGuaranteed:
                return [Step(after: 0, status: .processed, onlyFrom: [.initiated]),
                        Step(after: 0, status: .guaranteed, onlyFrom: [.processed])]
            case .toDelivered:
                return [Step(after: 0, status: .processed, onlyFrom: [.initiated]),
                        Step(after: 0, status: .guaranteed, onlyFrom: [.processed]),
                        Step(after: 0, status: .delivered, onlyFrom: [.guaranteed])]
            case .toCancel:
                return [Step(after: 0, status: .cancelled, onlyFrom: [.initiated])]
            case .toVerification:
                return [Step(after: 0, status: .processed, onlyFrom: [.initiated]),
                        Step(after: verificationDelay, status: .guaranteed, onlyFrom: [.processed])]
            case .toVerificationFailed:
                return [Step(after: 0, status: .processed, onlyFrom: [.initiated]),
                        Step(after: verificationDelay, status: .cancelled, onlyFrom: [.processed], reason: "verification_failed")]
            case .cancelledBackToProcess:
                return [Step(after: 0, status: .cancelled, onlyFrom: [.initiated]),
                        Step(after: hour, status: .processed, onlyFrom: [.cancelled])]
            }
        }
        if capture == "manual" {
            return [Step(after: 0, status: .authorized, onlyFrom: [.initiated])]
        }
        if method == "card" {
            return [Step(after: 0, status: .processed, onlyFrom: [.initiated]),
                    Step(after: 0, status: .guaranteed, onlyFrom: [.processed])]
        }
        // A bank transfer waits for its funds, and is cancelled when they do not come.
        return [Step(after: bankTransferExpiry, status: .cancelled, onlyFrom: [.initiated], reason: "funds_not_received")]
    }

    /// Changes that follow from entering `status`, scheduled on the sandbox clock.
    static func followUps(entering status: PaymentStatus) -> [Step] {
        switch status {
        case .guaranteed: [Step(after: deliveryDelay, status: .delivered, onlyFrom: [.guaranteed])]
        case .authorized, .adjusted: [Step(after: holdingPeriod, status: .cancelled, onlyFrom: [.authorized, .adjusted],
                                           reason: "authorization_expired")]
        default: []
        }
    }
}

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

    /// The failure a card holder name asks for: (reason, reason_code), or nil to approve.
    static func outcome(holder: String) -> (reason: String, code: String)? {
        switch holder.uppercased().trimmingCharacters(in: .whitespaces) {
        case "MAGICVALUE CARD EXPIRED": ("card_expired", "54")
        case "MAGICVALUE NOT ENOUGH BALANCE": ("insufficient_funds", "51")
        case "MAGICVALUE FRAUD": ("suspected_fraud", "59")
        default: nil
        }
    }
}
