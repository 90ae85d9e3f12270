/// Recipients as the API answers them.
enum RecipientWire {
    /// GET /recipients/{id}.
    static func details(_ recipient: RecipientRecord) -> JSON {
        .object([
            ("id", .string(recipient.id)), ("name", .string(recipient.name)), ("country", .string(recipient.country)),
            ("currency", .string(recipient.currency)),
            ("fields", .array(recipient.fieldList.map {
                .object([("id", .string($0.id)), ("label", .string($0.label)), ("type", .string("text")), ("required", .bool($0.required))])
            })),
            ("settings", .object([
                ("currency", .string(recipient.currency)),
                ("min_amount", .integer(recipient.minimumAmount)),
                ("max_amount", .integer(recipient.maximumAmount)),
            ])),
        ])
    }

    /// An entry of GET /recipients: the members a real integration reads (`id`,
    /// `external_code`, `name`, `country`, `state`), and the billing currency [S].
    static func summary(_ recipient: RecipientRecord) -> JSON {
        .object([("id", .string(recipient.id)), ("external_code", .optional(recipient.externalCode)), ("name", .string(recipient.name)),
                 ("country", .string(recipient.country)), ("state", .optional(recipient.state)), ("currency", .string(recipient.currency))])
    }
}
