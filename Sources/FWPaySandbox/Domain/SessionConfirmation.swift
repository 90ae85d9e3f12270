/// What confirming a checkout session does (seed 003): a session the payer has sent can be
/// confirmed once, before it expires. Tokenizing types save the card (a token and a mandate),
/// charging types make a payment (for the session's order, if it was made for one), and a
/// declined card fails the payment, or refuses the confirm of a session that only saves it.
struct SessionConfirmation: Sendable {
    /// What the payer sent on the form (no card member).
    var form: JSON
    var card: CardDetails
    var token: PaymentMethodTokenRecord?
    var draft: PaymentDraft?

    /// Refuses a session that cannot be confirmed now.
    static func checkConfirmable(_ session: SessionRecord, now: Double) throws {
        switch session.status {
        case .confirmed:
            throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status",
                                  "has already been confirmed" + (session.paymentID.map { " (payment \($0))" } ?? ""))
        case .open where now > session.expiresAt:
            throw Problem.invalid(source: "/session", param: "session_id", type: "expired", "has expired")
        case .open:
            throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status",
                                  "cannot be confirmed before the payer has sent the form")
        case .submitted:
            break
        }
    }

    /// `order`: the session's order with the payment that charged it, if any (only for a
    /// charging session made for an order); a charged one is refused.
    static func decide(_ session: SessionRecord, order: (OrderRecord, PaymentRecord?)?, recipient: RecipientRecord, now: Double,
                       timestamp: String, reference: () throws -> String) throws -> SessionConfirmation {
        try checkConfirmable(session, now: now)
        if let (order, payment) = order {
            try OrderDecision.checkOpen(order, chargedBy: payment, source: "/order_id", param: "order_id")
        }
        let card = CardDetails(form: session.submitted ?? .object([]))
        let charges = SessionRules.chargingTypes.contains(session.type)
        if case .declined(let reason, _) = card.outcome, !charges {
            throw Problem.invalid(source: "/card", param: "card", type: "declined", "was declined (\(reason))")
        }
        var token: PaymentMethodTokenRecord?
        if session.type != "one_off", card.outcome == .approved || card.outcome == .pending {
            token = PaymentMethodTokenRecord(token: RandomIdentifier.hex(20), clientID: session.clientID, recipientID: recipient.id,
                                             payorID: session.request["payor_id"]?.string,
                                             mandateID: RandomIdentifier.mandate(recipient.id, now: now), card: card, createdAt: timestamp,
                                             currency: payerCurrency(session, recipient: recipient).code,
                                             payer: PayerForm.payer(of: session.submitted ?? .object([])).text)
        }
        let draft = charges
            ? PaymentDraft.confirming(session, order: order?.0, recipient: recipient, card: card, token: token,
                                      reference: try reference(), now: now, timestamp: timestamp)
            : nil
        return SessionConfirmation(form: PayerForm.payer(of: session.submitted ?? .object([])), card: card, token: token, draft: draft)
    }

    /// The currency the payer pays in: that of the country they gave on the form.
    static func payerCurrency(_ session: SessionRecord, recipient: RecipientRecord) -> Currency {
        (session.submitted?["country"]?.string).flatMap(Currency.of(country:)) ?? recipient.billingCurrency
    }
}
