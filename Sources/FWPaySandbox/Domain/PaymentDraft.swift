/// A payment about to be created, with what happens to it next. Every payment starts here,
/// whichever way it is made (an order charged, a checkout session confirmed, a saved card
/// charged), so that every payment is made by the same rules.
struct PaymentDraft: Sendable {
    /// The payment, `initiated`, as it is stored.
    var payment: PaymentRecord
    /// Its next steps: immediate ones are made when it is stored, later ones scheduled.
    var plan: [PaymentLifecycle.Step]

    /// POST /orders/{id}/charge (seed 002): the payer pays the order's total in the offer's
    /// currency, by the offer's method.
    static func charging(_ order: OrderRecord, recipient: RecipientRecord, reference: String, now: String) throws -> PaymentDraft {
        let body = order.body
        guard let offer = body["offer"]?["id"]?.string.flatMap(Offer.init(id:)) else {
            throw Problem.invalid(source: "/offer/id", param: "id", "is invalid")
        }
        let total = order.total
        let payment = PaymentRecord(
            id: reference, clientID: order.clientID, orderID: order.id, recipientID: recipient.id, status: .initiated,
            amountFrom: recipient.billingCurrency.convert(total, to: offer.currency), currencyFrom: offer.currency.code,
            amountTo: total, currencyTo: recipient.currency, paymentMethod: offer.method.rawValue,
            externalReference: body["external_reference"]?.string, createdAt: now, kind: .order,
            payer: body["payer"]?.text, notificationsURL: body["notifications_url"]?.string,
            fields: fieldsText(body), metadata: body["metadata"]?.text)
        let magic = PaymentLifecycle.Magic(firstName: body["payer"]?["first_name"]?.string)
        return PaymentDraft(payment: payment, plan: PaymentLifecycle.plan(method: payment.paymentMethod, capture: "automatic", magic: magic))
    }

    /// A confirmed checkout session that takes money: the payer pays the session's amount
    /// by card, in the currency of the country they gave on the form; a manual capture is
    /// held (a pre-authorization) instead.
    static func confirming(_ session: SessionRecord, order: OrderRecord?, recipient: RecipientRecord, card: CardDetails,
                           token: PaymentMethodTokenRecord?, reference: String, now: Double, timestamp: String) -> PaymentDraft {
        let request = session.request
        let form = session.submitted ?? .object([])
        let payerCurrency = SessionConfirmation.payerCurrency(session, recipient: recipient)
        let capture = request["charge_intent"]?["capture"]?.string ?? "automatic"
        let manual = capture == "manual"
        var payment = PaymentRecord(
            id: reference, clientID: session.clientID, orderID: order?.id, recipientID: recipient.id, status: .initiated,
            amountFrom: recipient.billingCurrency.convert(session.amount, to: payerCurrency), currencyFrom: payerCurrency.code,
            amountTo: session.amount, currencyTo: recipient.currency, paymentMethod: "card",
            externalReference: request["external_reference"]?.string, createdAt: timestamp, kind: .checkout,
            sessionID: session.id, payer: PayerForm.payer(of: form).text,
            notificationsURL: request["notifications_url"]?.string, capture: capture,
            authorization: manual ? request["charge_intent"]?["authorization"]?.string : nil,
            heldAmount: manual ? session.amount : nil, token: token?.token, mandateID: token?.mandateID,
            payorID: request["payor_id"]?.string, card: card, fields: fieldsText(request), metadata: request["metadata"]?.text)
        if manual { payment.holdExpiresAt = now + PaymentLifecycle.holdingPeriod }
        let magic = PaymentLifecycle.Magic(firstName: form["first_name"]?.string)
        return PaymentDraft(payment: payment, plan: PaymentLifecycle.plan(method: "card", capture: capture, magic: magic, card: card.outcome))
    }

    /// POST /payments/charge: a saved card charged again, in the recipient's currency.
    static func charging(_ token: PaymentMethodTokenRecord, _ charge: ValidatedTokenCharge, recipient: RecipientRecord, total: Int64,
                         reference: String, now: String) -> PaymentDraft {
        let card = token.card
        // The payer pays in the currency of the mandate (their own, from when the card was saved).
        let payerCurrency = token.currency.flatMap(Currency.named) ?? recipient.billingCurrency
        let payment = PaymentRecord(
            id: reference, clientID: token.clientID, orderID: nil, recipientID: recipient.id, status: .initiated,
            amountFrom: recipient.billingCurrency.convert(total, to: payerCurrency), currencyFrom: payerCurrency.code,
            amountTo: total, currencyTo: recipient.currency,
            paymentMethod: "card", externalReference: charge.externalReference, createdAt: now, kind: .token,
            payer: token.payer, notificationsURL: charge.notificationsURL, token: token.token, mandateID: token.mandateID,
            payorID: charge.payorID ?? token.payorID, card: card, fields: charge.fields, metadata: charge.metadata?.text)
        return PaymentDraft(payment: payment, plan: PaymentLifecycle.plan(method: "card", capture: "automatic", magic: nil, card: card.outcome))
    }

    /// The recipient fields of a body as one object, `{"custom_field_1": "X"}`, as real
    /// notifications carry them (JSON text).
    static func fieldsText(_ body: JSON) -> String? {
        let values = CommonRules.fieldValues(body["recipient"]?["fields"])
        guard !values.isEmpty else { return nil }
        return JSON.object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).text
    }
}
