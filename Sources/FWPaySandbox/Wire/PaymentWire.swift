/// Payments as the API answers them.
enum PaymentWire {
    /// GET /payments/{ref}, and every answer that shows a whole payment.
    static func details(_ payment: PaymentRecord) -> JSON {
        var members: [(String, JSON)] = [
            ("payment_id", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("amount_from", .integer(payment.amountFrom)), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .integer(payment.amountTo)), ("currency_to", .string(payment.currencyTo)),
            ("external_reference", .optional(payment.externalReference)), ("payor_id", .optional(payment.payorID)),
            ("recipient_id", .string(payment.recipientID)), ("order_id", .optional(payment.orderID)),
            ("session_id", .optional(payment.sessionID)),
        ]
        var method: [(String, JSON)] = [("type", .string(payment.paymentMethod))]
        if let card = payment.card { method += cardMembers(card) }
        if let token = payment.token { method.append(("token", .string(token))) }
        members.append(("payment_method", .object(method)))
        if payment.capture == "manual" {
            members.append(("charge_intent", .object([
                ("capture", .string("manual")), ("authorization", .optional(payment.authorization)),
                ("authorized_amount", payment.heldAmount.map(JSON.integer) ?? .null),
                ("captured_amount", payment.capturedAmount.map(JSON.integer) ?? .null),
            ])))
        }
        if let mandateID = payment.mandateID { members.append(("mandate", .object([("id", .string(mandateID))]))) }
        if let reason = payment.reason { members.append(("reason", .string(reason))) }
        if let reasonCode = payment.reasonCode { members.append(("reason_code", .string(reasonCode))) }
        members.append(("created_at", .string(payment.createdAt)))
        members.append(("updated_at", .string(payment.updatedAt ?? payment.createdAt)))
        return .object(members)
    }

    /// POST /orders/{id}/charge (seed 002).
    static func orderCharge(_ payment: PaymentRecord) -> JSON {
        .object([
            ("payment_reference", .string(payment.id)), ("amount_from", .integer(payment.amountFrom)),
            ("currency_from", .string(payment.currencyFrom)), ("amount_to", .integer(payment.amountTo)),
            ("currency_to", .string(payment.currencyTo)),
        ])
    }

    /// POST /payments/{ref}/captures: what was captured and what was released [S].
    static func capture(_ payment: PaymentRecord) -> JSON {
        let captured = payment.capturedAmount ?? payment.amountTo
        return .object([
            ("payment_id", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("captured_amount", .integer(captured)), ("released_amount", .integer((payment.heldAmount ?? captured) - captured)),
            ("currency", .string(payment.currencyTo)),
        ])
    }

    /// POST /checkout/sessions/{id}/confirm (seed 003): the payment, if the session took
    /// money, and the card, with its token and mandate if it was saved.
    static func confirmation(_ confirmation: SessionConfirmation, payment: PaymentRecord?) -> JSON {
        var answer: [(String, JSON)] = []
        if let payment {
            answer.append(("payment_reference", .string(payment.id)))
            answer.append(("charge_info", chargeInfo(payment)))
            answer.append(("status", .string(payment.status.rawValue)))
        }
        var method: [(String, JSON)] = [("type", .string("card"))] + cardMembers(confirmation.card)
        if let token = confirmation.token { method.insert(("token", .string(token.token)), at: 0) }
        answer.append(("payment_method", .object(method)))
        if let token = confirmation.token { answer.append(("mandate", .object([("id", .string(token.mandateID))]))) }
        return .object(answer)
    }

    /// POST /payments/charge.
    static func tokenCharge(_ payment: PaymentRecord) -> JSON {
        .object([
            ("payment_reference", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("charge_info", chargeInfo(payment)), ("mandate", .object([("id", .optional(payment.mandateID))])),
        ])
    }

    /// GET /payments/{ref}/receipt [S]: what the payer paid, to whom, and when.
    static func receipt(_ payment: PaymentRecord, recipientName: String) -> JSON {
        let payer = payment.payer.flatMap { try? JSON.parse($0) } ?? .object([])
        return .object([
            ("receipt_number", .string("RCPT-" + payment.id)), ("payment_id", .string(payment.id)),
            ("status", .string(payment.status.rawValue)),
            ("recipient", .object([("id", .string(payment.recipientID)), ("name", .string(recipientName))])),
            ("payer", .object([("first_name", payer["first_name"] ?? .null), ("last_name", payer["last_name"] ?? .null),
                               ("email", payer["email"] ?? .null), ("country", payer["country"] ?? .null)])),
            ("amount_from", .integer(payment.amountFrom)), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .integer(payment.amountTo)), ("currency_to", .string(payment.currencyTo)),
            ("payment_method", .string(payment.paymentMethod)), ("created_at", .string(payment.createdAt)),
        ])
    }

    private static func chargeInfo(_ payment: PaymentRecord) -> JSON {
        .object([("amount", .integer(payment.amountFrom)), ("currency", .string(payment.currencyFrom))])
    }

    /// A card as `payment_method` shows it: never the number, CVV or holder.
    static func cardMembers(_ card: CardDetails) -> [(String, JSON)] {
        [("card_classification", .string(card.classification)), ("last_four_digits", .string(card.lastFour)),
         ("card_expiration", .string(card.expiration)), ("country", .string(card.country)),
         ("brand", .string(card.brand)), ("issuer", .string(card.issuer))]
    }
}
