/// What an action on a payment changes, decided without the database: the store applies it
/// in one transaction.
struct PaymentChange: Sendable {
    /// The payment with its new amounts (its status changes through `transitions`).
    var payment: PaymentRecord
    /// Which scheduled changes of the payment to drop first: none, all (`nil` reason), or
    /// those with the given reason.
    var dropScheduled: DropScheduled = .none
    /// Status changes to make now, in order.
    var transitions: [Transition] = []
    /// Changes to schedule afterwards.
    var schedule: [PaymentLifecycle.Step] = []

    enum DropScheduled: Sendable, Equatable { case none, all, reason(String) }

    struct Transition: Sendable {
        var status: PaymentStatus
        var reason: String? = nil
        var reasonCode: String? = nil
        var note: String? = nil
    }
}

/// The payment actions of the API and the control API, with the statuses they need
/// (flywire-api.md §3 and §4).
enum PaymentActions {
    /// Captures `amount` (at most the held amount) of a pre-authorization; the rest is
    /// released at once. A hold is captured once.
    static func capture(_ payment: PaymentRecord, amount: Int64) throws -> PaymentChange {
        try requirePreauthorization(payment)
        guard PaymentLifecycle.holding.contains(payment.status) else {
            throw invalidStatus(payment.capturedAmount != nil ? "has already been captured" : "cannot be captured; it is \(payment.status.rawValue)")
        }
        let held = payment.heldAmount ?? payment.amountTo
        guard amount <= held else {
            throw Problem.invalid(source: "/amount", param: "amount", "is more than the authorized amount of \(payment.billingCurrency.format(held))")
        }
        var captured = payment.holding(amount)
        captured.capturedAmount = amount
        return PaymentChange(payment: captured, dropScheduled: .reason("authorization_expired"),
                             transitions: [.init(status: .processed, note: "captured \(amount), released \(held - amount)"), .init(status: .guaranteed)])
    }

    /// Raises a `preauth` hold to `amount` (equal extends it), restarting the holding period;
    /// never above `maximum`, the recipient's largest payment (finding M1).
    static func adjust(_ payment: PaymentRecord, amount: Int64, maximum: Int64, now: Double) throws -> PaymentChange {
        try requirePreauthorization(payment)
        guard payment.authorization == "preauth" else {
            throw Problem.invalid(source: "/authorization", param: "authorization", type: "invalid_status",
                                  "is final; only preauth authorizations can be adjusted")
        }
        guard PaymentLifecycle.holding.contains(payment.status) else { throw invalidStatus("cannot be adjusted; it is \(payment.status.rawValue)") }
        let held = payment.heldAmount ?? payment.amountTo
        guard amount >= held else {
            throw Problem.invalid(source: "/amount", param: "amount", "can only be raised; the held amount is \(payment.billingCurrency.format(held))")
        }
        guard amount <= maximum else {
            throw Problem.invalid(source: "/amount", param: "amount", "Amount must be less than \(payment.billingCurrency.format(maximum))")
        }
        var adjusted = payment.holding(amount)
        adjusted.heldAmount = amount
        adjusted.holdExpiresAt = now + PaymentLifecycle.holdingPeriod
        return PaymentChange(payment: adjusted, dropScheduled: .reason("authorization_expired"),
                             transitions: [.init(status: .adjusted, note: "held \(amount)")])
    }

    /// Cancels a payment that has not been processed (a hold is released at once).
    static func cancel(_ payment: PaymentRecord) throws -> PaymentChange {
        guard PaymentLifecycle.cancellable.contains(payment.status) else { throw invalidStatus("cannot be cancelled; it is \(payment.status.rawValue)") }
        return PaymentChange(payment: payment, dropScheduled: .all, transitions: [.init(status: .cancelled, reason: "cancelled_by_client")])
    }

    /// Marks a 529 payment (one made from an order) processed; it is guaranteed a day later.
    static func process(_ payment: PaymentRecord) throws -> PaymentChange {
        guard payment.kind == .order else { throw invalidStatus("is not a 529 payment (made from an order)") }
        guard payment.status == .initiated else { throw invalidStatus("cannot be processed; it is \(payment.status.rawValue)") }
        return PaymentChange(payment: payment, dropScheduled: .all, transitions: [.init(status: .processed)],
                             schedule: [.init(after: PaymentLifecycle.day, status: .guaranteed, onlyFrom: [.processed])])
    }

    /// POST /sandbox/payments/{ref}/transition: a change the lifecycle allows, made now. A
    /// forced failure is a declined card (reason code 05) unless a reason is given.
    static func force(_ payment: PaymentRecord, to status: PaymentStatus, reason: String?) -> PaymentChange {
        let failing = status == .failed
        return PaymentChange(payment: payment, transitions: [.init(status: status, reason: reason ?? (failing ? "declined" : nil),
                                                                   reasonCode: failing ? "05" : nil, note: "forced")])
    }

    private static func requirePreauthorization(_ payment: PaymentRecord) throws {
        guard payment.capture == "manual" else { throw invalidStatus("is not a pre-authorization") }
    }

    private static func invalidStatus(_ message: String) -> Problem {
        Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", message)
    }
}

private extension PaymentRecord {
    /// The payment at `amount` (same currency: pre-authorizations are same-currency).
    func holding(_ amount: Int64) -> PaymentRecord {
        var changed = self
        changed.amountTo = amount
        changed.amountFrom = amount
        return changed
    }
}
