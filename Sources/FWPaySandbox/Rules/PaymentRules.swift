/// The rules of the bodies of payment operations: captures, authorization adjustments and
/// token charges (POST /payments/charge).
enum PaymentRules {
    /// `{"amount": n}` of a capture or an adjustment.
    static func amount(of body: JSON) throws -> Int64 {
        var errors = RuleErrors()
        let amount = CommonRules.amount(body["amount"], errors: &errors)
        try errors.check()
        return amount ?? 0
    }
}

/// A token charge body that passed every rule that needs no stored data.
struct ValidatedTokenCharge: Sendable {
    var token: String
    var mandateID: String
    /// The recipient the body names (`recipient.id` or `recipient_id`), if it names one.
    var recipientID: String?
    var items: JSON
    var payorID: String?
    var externalReference: String?
    var notificationsURL: String?
    var metadata: JSON?
    /// The body's recipient fields (`{"student_id": "X"}` as JSON text), which the payment keeps.
    var fields: String?
}

/// POST /payments/charge: a saved card charged again with its token and mandate.
enum TokenChargeRules {
    static func validate(_ body: JSON) throws -> ValidatedTokenCharge {
        var errors = RuleErrors()
        let token = body["payment_method_token"]?.string
        let mandate = body["mandate_id"]?.string
        if token == nil { errors.fail("/payment_method_token", "payment_method_token", "missing_param", "is required") }
        if mandate == nil { errors.fail("/mandate_id", "mandate_id", "missing_param", "is required") }
        switch body["charge_intent"]?["mode"] {
        case nil: errors.fail("/charge_intent/mode", "mode", "missing_param", "is required")
        case .string(let mode)? where SessionRules.modes.contains(mode): break
        default: errors.fail("/charge_intent/mode", "mode", "invalid_param", "must be one of \(SessionRules.modes.joined(separator: ", "))")
        }
        if body["items"] == nil { errors.fail("/items", "items", "missing_param", "is required") }
        CommonRules.notificationsURL(body["notifications_url"], errors: &errors)
        try errors.check()
        return ValidatedTokenCharge(token: token ?? "", mandateID: mandate ?? "",
                                    recipientID: body["recipient"]?["id"]?.string ?? body["recipient_id"]?.string,
                                    items: body["items"] ?? .null, payorID: body["payor_id"]?.string,
                                    externalReference: body["external_reference"]?.string,
                                    notificationsURL: body["notifications_url"]?.string, metadata: body["metadata"],
                                    fields: PaymentDraft.fieldsText(body))
    }

    /// The charge's total for the recipient the card was saved for: the body may name that
    /// recipient only, and its items follow the common items rule.
    static func total(_ charge: ValidatedTokenCharge, token: PaymentMethodTokenRecord, recipient: RecipientRecord?) throws -> (RecipientRecord, Int64) {
        guard charge.recipientID ?? token.recipientID == token.recipientID, let recipient else {
            throw Problem.invalid(source: "/recipient/id", param: "id", "must be the recipient the card was saved for (\(token.recipientID))")
        }
        var errors = RuleErrors()
        let total = CommonRules.itemsTotal(charge.items, recipient: recipient, errors: &errors)
        try errors.check()
        return (recipient, total ?? 0)
    }
}
