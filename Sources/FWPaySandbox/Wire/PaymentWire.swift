/// Payments as the API answers them.
enum PaymentWire {
    /// GET /payments/{ref}, and every answer that shows a whole payment. With `trackingURL`
    /// (GET /payments/{ref}), `metadata.tracking_url` links the payer's tracking page [S:
    /// real-api-evidence.md §4 D: integrations read it; the page is the sandbox's].
    static func details(_ payment: PaymentRecord, trackingURL: String? = nil) -> JSON {
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
        members.append(("status_detail", .string(statusDetail(payment))))
        var metadata = payment.metadata.flatMap { try? JSON.parse($0) } ?? .object([])
        if let trackingURL, case .object(let given) = metadata {
            metadata = .object(given.filter { $0.0 != "tracking_url" } + [("tracking_url", .string(trackingURL))])
        }
        members.append(("metadata", metadata))
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

    /// POST /payments/{ref}/captures: `charge_result {status: "received"}`, as Flywire answers
    /// (the capture is processed asynchronously); what was captured and released beside it [S].
    static func capture(_ payment: PaymentRecord) -> JSON {
        let captured = payment.capturedAmount ?? payment.amountTo
        return .object([
            ("charge_result", received),
            ("payment_id", .string(payment.id)), ("status", .string(payment.status.rawValue)),
            ("captured_amount", .integer(captured)), ("released_amount", .integer((payment.heldAmount ?? captured) - captured)),
            ("currency", .string(payment.currencyTo)),
        ])
    }

    /// POST /payments/{ref}/authorization_adjustments: `charge_result {status: "received"}`,
    /// as Flywire answers; the payment as it now is beside it [S].
    static func adjustment(_ payment: PaymentRecord) -> JSON {
        .object([("charge_result", received)] + (details(payment).members ?? []))
    }

    /// POST /checkout/sessions/{id}/confirm (seed 003, and the answers real integrations
    /// recorded): the payment, if the session took money; the card, with its token; the
    /// mandate with its currency, if the card was saved; the payer.
    static func confirmation(_ confirmation: SessionConfirmation, payment: PaymentRecord?) -> JSON {
        var answer: [(String, JSON)] = []
        if let payment {
            answer.append(("payment_reference", .string(payment.id)))
            answer.append(("charge_info", chargeInfo(payment)))
        }
        var method: [(String, JSON)] = [("type", .string("card"))] + cardMembers(confirmation.card)
        if let token = confirmation.token { method.insert(("token", .string(token.token)), at: 0) }
        answer.append(("payment_method", .object(method)))
        if let token = confirmation.token {
            answer.append(("mandate", .object([("id", .string(token.mandateID)), ("currency", .optional(token.currency))])))
        }
        answer.append(("payor", payor(confirmation.form)))
        return .object(answer)
    }

    /// POST /payments/charge: `charge_result.status` is success, pending or failed;
    /// `charge_info` is what the payer paid, in the mandate's currency.
    static func tokenCharge(_ payment: PaymentRecord) -> JSON {
        let result: String = switch payment.status {
        case .failed: "failed"
        case .pending, .initiated: "pending"
        default: "success"
        }
        var charge: [(String, JSON)] = [("status", .string(result))]
        if payment.status == .failed { charge.append(("reason", .optional(payment.reason))) }
        return .object([
            ("payment_reference", .string(payment.id)), ("charge_info", chargeInfo(payment)), ("charge_result", .object(charge)),
        ])
    }

    /// `{country, email[, state]}` of what the payer sent on the form.
    static func payor(_ form: JSON) -> JSON {
        var payor: [(String, JSON)] = [("country", form["country"] ?? .null), ("email", form["email"] ?? .null)]
        if let state = form["state"], state != .null { payor.append(("state", state)) }
        return .object(payor)
    }

    /// A sentence on where the payment stands [S]: the real API carries `status_detail`; its
    /// texts are not documented.
    static func statusDetail(_ payment: PaymentRecord) -> String {
        switch payment.status {
        case .initiated: payment.paymentMethod == "bank_transfer" ? "Waiting for the payer's funds" : "Payment started"
        case .pending: "The card issuer is reviewing the payment"
        case .authorized, .adjusted: "Funds held on the card until they are captured or released"
        case .processed: "Funds received by Flywire"
        case .guaranteed: "Funds guaranteed; on their way to the recipient"
        case .delivered: "Funds delivered to the recipient"
        case .failed: "The card was declined" + (payment.reason.map { " (\($0))" } ?? "")
        case .cancelled: "Cancelled" + (payment.reason.map { " (\($0))" } ?? "")
        case .reversed: "The payment was reversed"
        case .expired: "The hold expired and the funds were released"
        }
    }

    private static let received: JSON = .object([("status", .string("received"))])

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
