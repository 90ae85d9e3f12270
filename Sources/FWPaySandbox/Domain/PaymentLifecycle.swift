/// How payment statuses change (flywire-api.md §4), with the sandbox's magic values. Pure
/// rules: the store applies them inside its transactions.
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
        .initiated: [.pending, .authorized, .processed, .guaranteed, .failed, .cancelled],
        .pending: [.processed, .guaranteed, .failed, .cancelled],
        .authorized: [.adjusted, .processed, .cancelled, .expired],
        .adjusted: [.adjusted, .processed, .cancelled, .expired],
        .processed: [.guaranteed, .cancelled, .failed],
        .guaranteed: [.delivered, .reversed],
        .delivered: [.reversed],
        .cancelled: [.processed, .initiated],
        .failed: [],
        .reversed: [],
        .expired: [],
    ]

    /// Where the API's actions are allowed (the store enforces them; the dashboard offers them).
    static let cancellable: Set<PaymentStatus> = [.initiated, .pending, .authorized, .adjusted]
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
        var reasonCode: String? = nil
    }

    /// What happens to a new payment after it is created `initiated`: a declined card fails
    /// at once, with its reason and code.
    static func plan(method: String, capture: String, magic: Magic?, card: CardOutcome = .approved) -> [Step] {
        if case .declined(let reason, let code) = card {
            return [Step(after: 0, status: .failed, onlyFrom: [.initiated], reason: reason, reasonCode: code)]
        }
        if card == .pending, capture != "manual" {
            return [Step(after: 0, status: .pending, onlyFrom: [.initiated]),
                    Step(after: hour, status: .processed, onlyFrom: [.pending]),
                    Step(after: hour, status: .guaranteed, onlyFrom: [.processed])]
        }
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
        case .authorized, .adjusted: [Step(after: holdingPeriod, status: .expired, onlyFrom: [.authorized, .adjusted],
                                           reason: "authorization_expired")]
        default: []
        }
    }
}
