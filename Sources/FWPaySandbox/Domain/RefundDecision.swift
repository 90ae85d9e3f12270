/// Whether a payment can be refunded (flywire-api.md §3): only once delivered, one active
/// refund at a time, in the payment's currency, at least one unit, and refunds in total at
/// most the payment. Decided without the database: the store passes what it read.
enum RefundDecision {
    /// Refuses a refund that `payment`, given its earlier refunds, cannot take.
    static func check(_ refund: ValidatedRefund, of payment: PaymentRecord, earlier refunds: [RefundRecord]) throws {
        if let currency = refund.currency, currency != payment.currencyTo {
            throw Problem.invalid(source: "/currency", param: "currency", type: "currency", "must be \(payment.currencyTo), the currency of the payment")
        }
        guard PaymentLifecycle.refundable.contains(payment.status) else {
            throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status",
                                  "can only be refunded once delivered; it is \(payment.status.rawValue)")
        }
        if let active = refunds.first(where: { RefundStatus.active.contains($0.status) }) {
            throw Problem.invalid(source: "/payment", param: "payment_id", type: "already_refund",
                                  "already has an active refund (\(active.id)); wait until it is finished")
        }
        let refunded = refunds.filter { !RefundStatus.void.contains($0.status) }.map(\.amount).reduce(0, +)
        let remaining = payment.amountTo - refunded
        let currency = payment.billingCurrency
        if refund.amount > remaining {
            throw Problem.invalid(source: "/amount", param: "amount", type: "amount_over_remaining_balance",
                                  "is more than the remaining balance of \(currency.format(remaining))")
        }
        if refund.amount < currency.subunits {
            throw Problem.invalid(source: "/amount", param: "amount", type: "minimum_threshold", "must be at least \(currency.format(currency.subunits))")
        }
    }

    /// The refund to store, once `check` passed; `id` and `bundleID` come from the store.
    /// The payer gets it back in the currency they paid in.
    static func refund(_ refund: ValidatedRefund, of payment: PaymentRecord, id: String, bundleID: String, now: String) -> RefundRecord {
        let currency = payment.billingCurrency
        let payerCurrency = Currency.named(payment.currencyFrom) ?? currency
        return RefundRecord(
            id: id, clientID: payment.clientID, paymentID: payment.id, bundleID: bundleID, status: .pending,
            amount: refund.amount, currency: payment.currencyTo,
            amountTo: currency.convert(refund.amount, to: payerCurrency, markup: 0), currencyTo: payerCurrency.code,
            recipientID: payment.recipientID, externalReference: refund.externalReference,
            notificationsURL: refund.notificationsURL ?? payment.notificationsURL, createdAt: now, updatedAt: now)
    }

    /// A refund can be cancelled until it is received.
    static func checkCancellable(_ refund: RefundRecord) throws {
        guard RefundStatus.cancellable.contains(refund.status) else {
            throw Problem.invalid(source: "/refund", param: "refund_id", type: "invalid_status", "cannot be cancelled; it is \(refund.status.rawValue)")
        }
    }

    /// Every change a refund may make (by itself, through the API, or forced).
    static let allowed: [RefundStatus: Set<RefundStatus>] = [
        .pending: [.initiated, .cancelled, .rejected],
        .initiated: [.approved, .received, .cancelled, .rejected, .failed],
        .approved: [.received, .failed],
        .received: [.finished, .completed, .returned, .failed],
        .finished: [.returned],
        .completed: [.returned],
        .cancelled: [], .returned: [], .rejected: [], .failed: [],
    ]

    static func checkMove(_ refund: RefundRecord, to status: RefundStatus) throws {
        guard allowed[refund.status]?.contains(status) ?? false else {
            throw Problem.invalid(source: "/status", param: "status", type: "invalid_status",
                                  "cannot change from \(refund.status.rawValue) to \(status.rawValue)")
        }
    }

    /// A refund's automatic progress once its bundle is approved [S]: received a day later,
    /// finished two days after that.
    static func next(after status: RefundStatus) -> (status: RefundStatus, after: Double)? {
        switch status {
        case .initiated: (.received, PaymentLifecycle.day)
        case .received: (.finished, 2 * PaymentLifecycle.day)
        default: nil
        }
    }
}
