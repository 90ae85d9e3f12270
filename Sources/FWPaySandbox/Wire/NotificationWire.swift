/// Notifications as receivers get them (the v2 envelope, flywire-api.md §5) and as the
/// control API lists them.
enum NotificationWire {
    /// `{"event_type", "event_date", "event_resource", "data"}`.
    static func envelope(eventType: String, date: String, resource: String, data: JSON) -> JSON {
        .object([("event_type", .string(eventType)), ("event_date", .string(date)), ("event_resource", .string(resource)), ("data", data)])
    }

    /// The data of a payment's status change; Flywire sends its amounts as strings. A failed
    /// or cancelled payment says why.
    static func payment(_ payment: PaymentRecord) -> JSON {
        var data: [(String, JSON)] = [
            ("payment_id", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("external_reference", .optional(payment.externalReference)),
            ("amount_from", .string(String(payment.amountFrom))), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .string(String(payment.amountTo))), ("currency_to", .string(payment.currencyTo)),
        ]
        if payment.status == .failed || payment.status == .cancelled {
            data += [("reason", .optional(payment.reason)), ("reason_code", .optional(payment.reasonCode))]
        }
        return .object(data)
    }

    /// The data of a refund's status change.
    static func refund(_ refund: RefundRecord) -> JSON {
        .object([
            ("refund_id", .string(refund.id)), ("payment_id", .string(refund.paymentID)), ("bundle_id", .string(refund.bundleID)),
            ("status", .string(refund.status.rawValue)), ("external_reference", .optional(refund.externalReference)),
            ("amount", .string(String(refund.amount))), ("currency", .string(refund.currency)),
            ("amount_to", .string(String(refund.amountTo))), ("currency_to", .string(refund.currencyTo)),
        ])
    }

    /// An entry of GET /sandbox/notifications [S]: the notification, its digest and its attempts.
    static func entry(_ notification: NotificationRecord, attempts: [NotificationAttemptRecord], digest: String) -> JSON {
        .object([
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
