/// A refund body that passed every rule.
struct ValidatedRefund: Sendable {
    var amount: Int64
    /// The currency the body names, if any: it must be the payment's.
    var currency: String? = nil
    var externalReference: String? = nil
    var notificationsURL: String? = nil
}

/// The rules of POST /payments/{ref}/refunds (flywire-api.md §2).
enum RefundRules {
    static func validate(_ body: JSON) throws -> ValidatedRefund {
        var errors = RuleErrors()
        let amount = CommonRules.amount(body["amount"], errors: &errors)
        CommonRules.notificationsURL(body["notifications_url"], errors: &errors)
        try errors.check()
        return ValidatedRefund(amount: amount ?? 0, currency: body["currency"]?.string,
                               externalReference: body["external_reference"]?.string,
                               notificationsURL: body["notifications_url"]?.string)
    }
}
