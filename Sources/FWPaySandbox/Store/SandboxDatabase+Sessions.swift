import Foundation
import GRDB

/// Checkout sessions (seed 003) and token charges.
extension SandboxDatabase {
    /// POST /checkout/sessions: checks the body against its recipient and, when it names an
    /// `order_id` [S], against that order, whose items, recipient fields and references fill
    /// what the body leaves out. Confirming such a session charges the order.
    func createSession(_ body: JSON, for client: ClientRecord) async throws -> (SessionRecord, ValidatedSession) {
        guard let recipientID = body["recipient_id"]?.string else {
            throw Problem.invalid(source: "/recipient_id", param: "recipient_id", type: "missing_param", "is required")
        }
        guard recipientID.count <= 64, let recipient = recipient(recipientID) else {
            throw Problem.invalid(source: "/recipient_id", param: "recipient_id", "is invalid")
        }
        var body = body
        var orderID: String?
        if let given = body["order_id"], given != .null {
            guard let id = given.string, id.count <= 64, let (order, payment) = try order(id, of: client) else {
                throw Problem.invalid(source: "/order_id", param: "order_id", "is not an order of this client")
            }
            guard order.status == .open else {
                throw Problem.invalid(source: "/order_id", param: "order_id", type: "invalid_status",
                                      "has already been charged as payment \(payment?.id ?? "?")")
            }
            guard order.recipientID == recipient.id else {
                throw Problem.invalid(source: "/order_id", param: "order_id", "is an order of \(order.recipientID), not of \(recipient.id)")
            }
            body = SessionRules.filling(body, from: order.body)
            orderID = order.id
        }
        let validated = try SessionRules.validate(body, recipient: recipient)
        let now = clock.now()
        let record = SessionRecord(id: UUID().uuidString.lowercased(), clientID: client.id, type: validated.type, status: .open,
                                   recipientID: recipient.id, body: body.text, amount: validated.amount,
                                   currency: recipient.currency, expiresAt: now + SessionRules.lifetime,
                                   createdAt: clock.timestamp(now), orderID: orderID)
        try await write { db in try record.insert(db) }
        return (record, validated)
    }

    /// A session as the payer's form sees it (no API key: the session id is the secret).
    func session(_ id: String) throws -> SessionRecord? {
        try lookup { db in try SessionRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE id = ?"), arguments: [id]) }
    }

    /// Stores what the payer sent on the form. Refused when the session expired or was
    /// already confirmed; field errors are the caller's to check first.
    func submitForm(session id: String, form: [String: String]) async throws -> SessionRecord {
        try await write { db in
            guard var session = try SessionRecord.fetchOne(db, key: id) else { throw Problem.notFound("Checkout session \(id) not found") }
            guard session.status != .confirmed else {
                throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status", "has already been confirmed")
            }
            guard self.clock.now() <= session.expiresAt else {
                throw Problem.invalid(source: "/session", param: "session_id", type: "expired", "has expired")
            }
            session.form = JSON.object(form.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).text
            session.status = .submitted
            try session.update(db)
            return session
        }
    }

    /// Confirms a submitted session: saves the card (tokenization types) and creates the
    /// payment (charging types). Returns the confirm answer of seed 003.
    func confirmSession(_ id: String, of client: ClientRecord) async throws -> JSON {
        try await write { db in
            guard var session = try SessionRecord.fetchOne(db, id: id, ownedBy: client) else {
                throw Problem.notFound("Checkout session \(id) not found")
            }
            switch session.status {
            case .confirmed:
                throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status",
                                      "has already been confirmed" + (session.paymentID.map { " (payment \($0))" } ?? ""))
            case .open where self.clock.now() > session.expiresAt:
                throw Problem.invalid(source: "/session", param: "session_id", type: "expired", "has expired")
            case .open:
                throw Problem.invalid(source: "/session", param: "session_id", type: "invalid_status",
                                      "cannot be confirmed before the payer has sent the form")
            case .submitted:
                break
            }
            let request = session.request
            let form = session.submitted ?? .object([])
            guard let recipient = self.recipient(session.recipientID) else { throw Problem.notFound("Recipient not found") }
            let cardNumber = form["card_number"]?.string ?? ""
            let testCard = TestCard.card(number: cardNumber) ?? TestCard.all[0]
            let holder = form["card_holder"]?.string ?? ""
            let expiry = PayerForm.expiration(form["card_expiration"]?.string ?? "") ?? (3, 2030)
            let country = form["country"]?.string ?? recipient.country
            let card: JSON = .object([
                ("card_classification", .string("credit")), ("last_four_digits", .string(String(testCard.number.suffix(4)))),
                ("card_expiration", .string((expiry.0 < 10 ? "0" : "") + "\(expiry.0)/\(expiry.1)")),
                ("country", .string("US")), ("brand", .string(testCard.brand)), ("issuer", .string("FWPAY SANDBOX BANK")),
                ("holder", .string(holder)),
            ])
            let failure = TestCard.outcome(holder: holder)
            let savesCard = session.type != "one_off" && failure == nil
            var token: PaymentMethodTokenRecord?
            if savesCard {
                let now = self.clock.timestamp()
                let saved = PaymentMethodTokenRecord(token: Self.randomHex(20), clientID: client.id, recipientID: recipient.id,
                                                     payorID: request["payor_id"]?.string, mandateID: Self.mandateID(recipient.id, now: self.clock.now()),
                                                     card: card.text, createdAt: now)
                try saved.insert(db)
                token = saved
            }
            var answer: [(String, JSON)] = []
            // A session made for an order charges it: once, whichever way it is charged first.
            var order: OrderRecord?
            if let orderID = session.orderID, SessionRules.chargingTypes.contains(session.type) {
                order = try OrderRecord.fetchChargeable(db, id: orderID, ownedBy: client, source: "/order_id", param: "order_id")
            }
            if SessionRules.chargingTypes.contains(session.type) {
                let payerCurrency = Currency.of(country: country) ?? recipient.billingCurrency
                let capture = request["charge_intent"]?["capture"]?.string ?? "automatic"
                var payment = PaymentRecord(
                    id: try PaymentReference.unused(for: recipient.id, in: db), clientID: client.id, orderID: order?.id, recipientID: recipient.id,
                    status: "initiated", amountFrom: recipient.billingCurrency.convert(session.amount, to: payerCurrency),
                    currencyFrom: payerCurrency.code, amountTo: session.amount, currencyTo: recipient.currency, paymentMethod: "card",
                    externalReference: request["external_reference"]?.string, createdAt: self.clock.timestamp(), kind: "checkout",
                    sessionID: session.id, payer: form.removing("card_number").removing("cvv").text,
                    notificationsURL: request["notifications_url"]?.string, capture: capture,
                    authorization: capture == "manual" ? request["charge_intent"]?["authorization"]?.string : nil,
                    heldAmount: capture == "manual" ? session.amount : nil, token: token?.token, mandateID: token?.mandateID,
                    payorID: request["payor_id"]?.string, card: card.removing("holder").text)
                if capture == "manual" { payment.holdExpiresAt = self.clock.now() + PaymentLifecycle.holdingPeriod }
                let plan = failure.map { [PaymentLifecycle.Step(after: 0, status: .failed, onlyFrom: [.initiated], reason: $0.reason)] }
                    ?? PaymentLifecycle.plan(method: "card", capture: capture, magic: PaymentLifecycle.Magic(firstName: form["first_name"]?.string))
                try self.start(db, &payment, plan: plan)
                if let failure {
                    payment.reasonCode = failure.code
                    try payment.update(db)
                }
                session.paymentID = payment.id
                if var order {
                    order.status = .charged
                    order.updatedAt = self.clock.timestamp()
                    try order.update(db)
                }
                answer.append(("payment_reference", .string(payment.id)))
                answer.append(("charge_info", .object([("amount", .integer(payment.amountFrom)), ("currency", .string(payment.currencyFrom))])))
                answer.append(("status", .string(payment.status)))
            }
            var method = card.removing("holder").members ?? []
            method.insert(("type", .string("card")), at: 0)
            if let token { method.insert(("token", .string(token.token)), at: 0) }
            answer.append(("payment_method", .object(method)))
            if let token { answer.append(("mandate", .object([("id", .string(token.mandateID))]))) }
            if let failure, !SessionRules.chargingTypes.contains(session.type) {
                throw Problem.invalid(source: "/card", param: "card", type: "declined", "was declined (\(failure.reason))")
            }
            session.status = .confirmed
            try session.update(db)
            return .object(answer)
        }
    }

    /// POST /payments/charge: charges a saved card again with its token and mandate.
    func chargeToken(_ body: JSON, of client: ClientRecord) async throws -> JSON {
        try await write { db in
            var errors: [Problem.Entry] = []
            func fail(_ source: String, _ param: String, _ type: String = "invalid_param", _ message: String) {
                errors.append(Problem.Entry(source: source, param: param, type: type, message: message))
            }
            let tokenValue = body["payment_method_token"]?.string
            let mandate = body["mandate_id"]?.string
            if tokenValue == nil { fail("/payment_method_token", "payment_method_token", "missing_param", "is required") }
            if mandate == nil { fail("/mandate_id", "mandate_id", "missing_param", "is required") }
            let mode = body["charge_intent"]?["mode"]?.string
            if mode == nil { fail("/charge_intent/mode", "mode", "missing_param", "is required") }
            else if !SessionRules.modes.contains(mode!) { fail("/charge_intent/mode", "mode", "invalid_param", "must be one of \(SessionRules.modes.joined(separator: ", "))") }
            var total: Int64 = 0
            if let items = body["items"]?.array, !items.isEmpty {
                for (index, item) in items.enumerated() {
                    if case .integer(let amount)? = item["amount"], amount > 0, amount <= Int64.max / 1_000 {
                        let (sum, overflow) = total.addingReportingOverflow(amount)
                        if overflow { fail("/items/\(index)/amount", "amount", "invalid_param", "is too large") } else { total = sum }
                    }
                    else { fail("/items/\(index)/amount", "amount", "invalid_param", "must be a positive integer number of subunits") }
                }
            } else { fail("/items", "items", "missing_param", "is required") }
            guard errors.isEmpty, let tokenValue, let mandate else { throw Problem.invalid(errors) }
            guard let token = try PaymentMethodTokenRecord.fetchOne(db, key: tokenValue), token.clientID == client.id, token.mandateID == mandate else {
                throw Problem.invalid(source: "/payment_method_token", param: "payment_method_token", "is invalid or does not match mandate_id")
            }
            let recipientID = body["recipient"]?["id"]?.string ?? body["recipient_id"]?.string ?? token.recipientID
            guard recipientID == token.recipientID, let recipient = self.recipient(recipientID) else {
                throw Problem.invalid(source: "/recipient/id", param: "id", "must be the recipient the card was saved for (\(token.recipientID))")
            }
            if total < recipient.minimumAmount || total > recipient.maximumAmount {
                let currency = recipient.billingCurrency
                throw Problem.invalid(source: "/items", param: "items",
                                      total < recipient.minimumAmount ? "Amount must be greater than \(currency.format(recipient.minimumAmount))"
                                          : "Amount must be less than \(currency.format(recipient.maximumAmount))")
            }
            let card = (try? JSON.parse(token.card)) ?? .object([])
            let failure = TestCard.outcome(holder: card["holder"]?.string ?? "")
            var payment = PaymentRecord(
                id: try PaymentReference.unused(for: recipient.id, in: db), clientID: client.id, orderID: nil, recipientID: recipient.id,
                status: "initiated", amountFrom: total, currencyFrom: recipient.currency, amountTo: total, currencyTo: recipient.currency,
                paymentMethod: "card", externalReference: body["external_reference"]?.string, createdAt: self.clock.timestamp(),
                kind: "token", notificationsURL: body["notifications_url"]?.string, token: token.token, mandateID: token.mandateID,
                payorID: body["payor_id"]?.string ?? token.payorID, card: card.removing("holder").text)
            let plan = failure.map { [PaymentLifecycle.Step(after: 0, status: .failed, onlyFrom: [.initiated], reason: $0.reason)] }
                ?? PaymentLifecycle.plan(method: "card", capture: "automatic", magic: nil)
            try self.start(db, &payment, plan: plan)
            if let failure {
                payment.reasonCode = failure.code
                try payment.update(db)
            }
            return .object([
                ("payment_reference", .string(payment.id)), ("status", .string(payment.status)),
                ("charge_info", .object([("amount", .integer(payment.amountFrom)), ("currency", .string(payment.currencyFrom))])),
                ("mandate", .object([("id", .string(token.mandateID))])),
            ])
        }
    }

    /// `count` random hex digits (from the system's CSPRNG, `randomElement`'s default).
    static func randomHex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// "MCRUC20230330uAM584YC": MC, the recipient, the date, eight random characters.
    static func mandateID(_ recipient: String, now: Double) -> String {
        let today = SandboxClock.date(now)
        let date = String(format: "%04d%02d%02d", today.year, today.month, today.day)
        let characters = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789")
        return "MC" + recipient + date + String((0..<8).map { _ in characters.randomElement()! })
    }
}
