/// Notifications as receivers get them (flywire-api.md §5, real-api-evidence.md §2 rows 9-12)
/// and as the control API lists them.
enum NotificationWire {
    /// What a client's receiver is sent [S: chosen per client with POST /sandbox/settings, so
    /// that integrators can test receivers against every format real ones meet].
    enum Format: String, Sendable, CaseIterable {
        /// The v2 envelope: `{"event_type", "event_date", "event_resource", "data"}`.
        case v2
        /// The v2 envelope without `data.status` (seen in production: the event type is the status).
        case v2WithoutStatus = "v2_without_status"
        /// The classic (v1) callback: `{"id", "callback_id", "status", "amount"}`, the amount
        /// in major units as a decimal string and no currency.
        case classic
    }

    /// One status change to report.
    struct Event: Sendable {
        var resource: String
        var resourceID: String
        var eventType: String
        var data: JSON
        /// The amount a classic callback carries, in major units ("1500.00").
        var majorUnits: String
        /// A classic callback's `callback_id`: the merchant's reference (flywire-api.md, classic
        /// callbacks; real-api-evidence.md §4 F), the external reference where there is one,
        /// else the resource's own id.
        var callbackID: String
    }

    /// The body of `event` in `format`, at `date` ("2024-05-20T10:15:00Z").
    static func body(_ event: Event, format: Format, date: String) -> JSON {
        switch format {
        case .v2:
            envelope(event, date: date, data: event.data)
        case .v2WithoutStatus:
            envelope(event, date: date, data: event.data.removing("status"))
        case .classic:
            .object([("id", .string(event.resourceID)), ("callback_id", .string(event.callbackID)),
                     ("status", .string(event.eventType)), ("amount", .string(event.majorUnits))])
        }
    }

    private static func envelope(_ event: Event, date: String, data: JSON) -> JSON {
        .object([("event_type", .string(event.eventType)), ("event_date", .string(date)),
                 ("event_resource", .string(event.resource)), ("data", data)])
    }

    /// A payment's status change. Flywire sends amounts as strings, and with them the
    /// recipient's fields, the card, the payer, their country and the payment's expiry; a
    /// failed payment says why (`reason`, `reason_code`), a cancelled one too
    /// (`cancellation_reason`).
    static func payment(_ payment: PaymentRecord, expiresAt: String) -> Event {
        var data: [(String, JSON)] = [
            ("payment_id", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("external_reference", .optional(payment.externalReference)),
            ("amount_from", .string(String(payment.amountFrom))), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .string(String(payment.amountTo))), ("currency_to", .string(payment.currencyTo)),
        ]
        data += details(payment, expiresAt: expiresAt)
        if payment.status == .failed || payment.status == .cancelled {
            data += [("reason", .optional(payment.reason)), ("reason_code", .optional(payment.reasonCode))]
        }
        if payment.status == .cancelled { data.append(("cancellation_reason", .optional(payment.reason))) }
        return Event(resource: "payments", resourceID: payment.id, eventType: payment.status.rawValue, data: .object(data),
                     majorUnits: majorUnits(payment.amountTo, payment.currencyTo), callbackID: payment.externalReference ?? payment.id)
    }

    /// The `charges` event of a card attempt, or nil when the change is not one: a
    /// pre-authorization's `authorized`, `adjusted`, `captured`, `failed` (with `reason`); a card
    /// payment of a checkout session captured at once, `processed` when the card was charged and
    /// `failed` (the real sequence of a one_off card payment: real-api-evidence.md §4; a token
    /// charge's notifications, as the recurring integration reads them, are `payments` only).
    static func charge(_ payment: PaymentRecord, expiresAt: String) -> Event? {
        let event: String
        switch (payment.capture == "manual", payment.status) {
        case (true, .authorized): event = "authorized"
        case (true, .adjusted): event = "adjusted"
        case (true, .processed) where payment.capturedAmount != nil: event = "captured"
        case (true, .failed): event = "failed"
        case (false, .processed) where payment.paymentMethod == "card" && payment.kind == .checkout: event = "processed"
        case (false, .failed) where payment.paymentMethod == "card" && payment.kind == .checkout: event = "failed"
        default: return nil
        }
        let amount = event == "captured" ? payment.capturedAmount ?? payment.amountTo : payment.heldAmount ?? payment.amountTo
        var data: [(String, JSON)] = [
            ("payment_id", .string(payment.id)), ("status", .string(event)),
            ("external_reference", .optional(payment.externalReference)),
            ("amount", .string(String(amount))), ("currency", .string(payment.currencyTo)),
        ]
        data += details(payment, expiresAt: expiresAt)
        if event == "failed" { data.append(("reason", .optional(payment.reason))) }
        return Event(resource: "charges", resourceID: payment.id, eventType: event, data: .object(data),
                     majorUnits: majorUnits(amount, payment.currencyTo), callbackID: payment.externalReference ?? payment.id)
    }

    /// Members of a payment's events beside its amounts.
    private static func details(_ payment: PaymentRecord, expiresAt: String) -> [(String, JSON)] {
        let payer = payment.payer.flatMap { try? JSON.parse($0) } ?? .object([])
        var method: [(String, JSON)] = [("type", .string(payment.paymentMethod))]
        if let card = payment.card {
            method += [("brand", .string(card.brand)), ("card_classification", .string(card.classification)),
                       ("card_expiration", .string(card.expiration)), ("last_four_digits", .string(card.lastFour))]
        }
        return [
            ("fields", payment.fields.flatMap { try? JSON.parse($0) } ?? .object([])),
            ("payment_method", .object(method)),
            ("payer", payer),
            ("country", payer["country"] ?? .null),
            ("expiration_date", .string(expiresAt)),
        ]
    }

    /// A refund's status change.
    static func refund(_ refund: RefundRecord) -> Event {
        Event(resource: "refunds", resourceID: refund.id, eventType: refund.status.rawValue, data: .object([
            ("refund_id", .string(refund.id)), ("payment_id", .string(refund.paymentID)), ("bundle_id", .string(refund.bundleID)),
            ("status", .string(refund.status.rawValue)), ("external_reference", .optional(refund.externalReference)),
            ("amount", .string(String(refund.amount))), ("currency", .string(refund.currency)),
            ("amount_to", .string(String(refund.amountTo))), ("currency_to", .string(refund.currencyTo)),
        ]), majorUnits: majorUnits(refund.amount, refund.currency), callbackID: refund.externalReference ?? refund.id)
    }

    /// `amount` subunits of `currency` as a classic callback writes them ("1500.00").
    private static func majorUnits(_ amount: Int64, _ currency: String) -> String {
        Currency.named(currency).map { $0.decimal(amount) } ?? String(amount)
    }

    /// An entry of GET /sandbox/notifications and its poll [S]: the notification, the digest
    /// `secret` signs its body with (what its receiver is sent) and its attempts.
    static func entry(_ notification: NotificationRecord, attempts: [NotificationAttemptRecord], secret: String) -> JSON {
        let digest = Digest.flywireDigest(body: notification.body, secret: secret)
        return .object([
            ("id", .integer(notification.id ?? 0)), ("resource", .string(notification.resource)),
            ("resource_id", .string(notification.resourceID)), ("event_type", .string(notification.eventType)),
            ("url", .string(notification.url)), ("state", .string(notification.state.rawValue)),
            ("body", .string(notification.body)), ("digest", .string(digest)),
            ("created_at", .string(notification.createdAt)),
            ("attempts", .array(attempts.map {
                .object([("attempt", .integer(Int64($0.attempt))), ("at", .string($0.at)),
                         ("status_code", $0.statusCode.map { .integer(Int64($0)) } ?? .null), ("error", .optional($0.error))])
            })),
        ])
    }
}
