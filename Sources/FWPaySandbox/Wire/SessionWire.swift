/// Checkout sessions as the API answers them.
enum SessionWire {
    /// POST /checkout/sessions (seed 003). `baseURL` is the sandbox's address as the client
    /// reached it, for the payer's link.
    static func created(_ session: SessionRecord, warnings: [JSON], baseURL: String, expiresAt: String) -> JSON {
        .object([
            ("id", .string(session.id)),
            ("expires_at", .string(expiresAt)),
            ("expires_in_seconds", .integer(Int64(SessionRules.lifetime))),
            ("hosted_form", .object([
                ("url", .string("\(baseURL)/checkout/form?session_id=\(session.id)")),
                ("method", .string("GET")),
            ])),
            ("warnings", .array(warnings)),
        ])
    }

    /// GET /checkout/sessions/{id} [S]: an open session past its time shows as expired.
    static func details(_ session: SessionRecord, now: Double) -> JSON {
        let remaining = max(0, session.expiresAt - now)
        let status = remaining == 0 && session.status == .open ? "expired" : session.status.rawValue
        return .object([
            ("id", .string(session.id)), ("type", .string(session.type)), ("status", .string(status)),
            ("recipient_id", .string(session.recipientID)), ("amount", .integer(session.amount)), ("currency", .string(session.currency)),
            ("expires_in_seconds", .integer(Int64(remaining))), ("payment_reference", .optional(session.paymentID)),
            ("created_at", .string(session.createdAt)), ("order_id", .optional(session.orderID)),
        ])
    }
}
