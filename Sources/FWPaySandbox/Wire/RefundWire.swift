/// Refunds and refund bundles as the API answers them (flywire-api.md §2).
enum RefundWire {
    static func refund(_ refund: RefundRecord) -> JSON {
        .object([
            ("refund_id", .string(refund.id)), ("payment_id", .string(refund.paymentID)), ("bundle_id", .string(refund.bundleID)),
            ("created_at", .string(refund.createdAt)), ("status", .string(refund.status.rawValue)),
            ("amount", .integer(refund.amount)), ("currency", .string(refund.currency)),
            ("amount_to", .integer(refund.amountTo)), ("currency_to", .string(refund.currencyTo)),
            ("recipient_id", .string(refund.recipientID)), ("external_reference", .optional(refund.externalReference)),
        ])
    }

    static func bundle(_ bundle: RefundBundleRecord, refunds: [RefundRecord]) -> JSON {
        .object([
            ("bundle_id", .string(bundle.id)), ("status", .string(bundle.status.rawValue)), ("created_at", .string(bundle.createdAt)),
            ("approved_at", .optional(bundle.approvedAt)),
            ("refunds", .array(refunds.map(refund))),
            ("total_amount", .integer(refunds.map(\.amountTo).reduce(0, +))),
        ])
    }
}
