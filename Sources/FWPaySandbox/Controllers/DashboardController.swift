import Foundation
import Hummingbird

/// The Payment Dashboard (seed 000): the signed-in client's payments with filters, search and
/// pages; a payment's page with its status history, refunds, notifications and their delivery
/// attempts; and the actions the sandbox allows. Behind `SignedInMiddleware`.
struct DashboardController {
    let database: SandboxDatabase
    let pages: PageRenderer
    let requestLog: RequestLog

    static let perPage = 20

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
            .get("payments/:reference", use: show)
            .post("payments/:reference/:action", use: act)
            .post("notifications/:id/resend", use: resend)
            .get("requests", use: requests)
            .post("clock", use: advanceClock)
    }

    /// POST /dashboard/notifications/{id}/resend: the notification again, now (sandbox-only).
    func resend(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        try context.requireFormToken(try await FormBody.fields(of: request))
        guard let id = Int64(try context.parameters.require("id")),
              let copy = try await database.resendNotification(id, of: client) else {
            throw Problem.notFound("There is no such notification in this client's dashboard")
        }
        return PageRenderer.redirect(to: copy.resource == "payments" ? "/dashboard/payments/\(copy.resourceID)?done=resent" : "/dashboard")
    }

    /// POST /dashboard/clock: moves the signed-in client's clock on by `hours` (1, 24 or 168), as
    /// POST /sandbox/clock/advance does; back to the page it came from.
    func advanceClock(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let form = try await FormBody.fields(of: request)
        try context.requireFormToken(form)
        guard let hours = form["hours"].flatMap(Double.init), [1, 24, 168].contains(hours) else {
            throw Problem.invalid(source: "/hours", param: "hours", "must be 1, 24 or 168")
        }
        _ = try await database.advanceClock(by: hours * 3_600, of: try context.requireClient())
        let back = form["back"].flatMap { $0.hasPrefix("/dashboard") && !$0.hasPrefix("//") && $0.utf8.count <= 256 ? $0 : nil }
        return PageRenderer.redirect(to: back ?? "/dashboard")
    }

    /// GET /dashboard/requests[?id=req_...]: this client's last API requests, or the one with
    /// that request id (the id an error quotes).
    func requests(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let wanted = request.formQuery("id").map { String($0.trimmingCharacters(in: .whitespaces).prefix(64)) }.flatMap { $0.isEmpty ? nil : $0 }
        let entries = requestLog.entries(clientID: client.id, requestID: wanted, limit: 100)
        var values = context.merchantHeader(.requests)
        values["query"] = wanted ?? ""
        values["searched"] = wanted != nil
        values["hasRequests"] = !entries.isEmpty
        values["requests"] = entries.map { entry -> [String: Any] in
            ["id": entry.requestID, "method": entry.method, "path": entry.path, "status": entry.status,
             "failed": entry.status >= 400, "key": entry.idempotencyKey ?? "", "replayed": entry.replayed,
             "duration": String(format: "%.1f", entry.milliseconds), "at": entry.at,
             "problem": entry.problem.map(\.text) ?? ""]
        }
        return pages.page("requests", values)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let status = request.formQuery("status").flatMap(PaymentStatus.init(rawValue:))
        let recipient = request.formQuery("recipient").flatMap { $0.utf8.count <= 64 ? $0 : nil }
        let search = request.formQuery("q").map { String($0.trimmingCharacters(in: .whitespaces).prefix(64)) }.flatMap { $0.isEmpty ? nil : $0 }
        let page = request.formQuery("page").flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
        let filter = SandboxDatabase.PaymentFilter(recipient: recipient, status: status, search: search)
        let (payments, total) = try await database.payments(of: client, filter: filter, page: page, perPage: Self.perPage)
        let recipients = database.recipients(page: 1, perPage: 100).recipients
        let names = Dictionary(recipients.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // A search counts up to SandboxDatabase.searchCountLimit matches, and says "more than" past it.
        let more = total > SandboxDatabase.searchCountLimit
        let pageCount = max(1, (min(total, SandboxDatabase.searchCountLimit) + Self.perPage - 1) / Self.perPage)

        var values = context.merchantHeader(.dashboard)
        values["query"] = search ?? ""
        values["statuses"] = PaymentStatus.allCases.map { ["value": $0.rawValue, "selected": $0 == status] }
        values["recipients"] = recipients.map { ["value": $0.id, "label": $0.name, "selected": $0.id == recipient] }
        values["total"] = more ? "More than \(SandboxDatabase.searchCountLimit)" : String(total)
        values["one"] = total == 1
        values["filtered"] = status != nil || recipient != nil || search != nil
        values["hasPayments"] = !payments.isEmpty
        values["payments"] = payments.map { payment -> [String: Any] in
            ["reference": payment.id, "status": payment.status.rawValue,
             "amountFrom": Self.amount(payment.amountFrom, payment.currencyFrom), "currencyFrom": payment.currencyFrom,
             "amountTo": Self.amount(payment.amountTo, payment.currencyTo), "currencyTo": payment.currencyTo,
             "recipient": "\(payment.recipientID) · \(names[payment.recipientID] ?? "")",
             "externalReference": payment.externalReference ?? "", "createdAt": payment.createdAt]
        }
        values["page"] = page
        values["pages"] = pageCount
        func link(_ page: Int) -> String {
            var parts = ["page=\(page)"]
            if let search { parts.append("q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if let status { parts.append("status=\(status.rawValue)") }
            if let recipient { parts.append("recipient=" + (recipient.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            return "/dashboard?" + parts.joined(separator: "&")
        }
        values["now"] = database.clock(of: client.id).timestamp()
        values["back"] = link(page)
        if page > 1 { values["previous"] = link(page - 1) }
        if page < pageCount { values["next"] = link(page + 1) }
        return pages.page("dashboard", values)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let reference = try context.parameters.require("reference")
        return try await paymentPage(reference, context: context, done: request.formQuery("done").flatMap { Self.doneMessages[$0] })
    }

    static let doneMessages = ["captured": "Captured.", "cancelled": "Cancelled.", "refunded": "Refund created.",
                               "advanced": "Status changed.", "resent": "Notification queued again."]

    /// POST /dashboard/payments/{ref}/capture | cancel | refund | advance.
    func act(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let form = try await FormBody.fields(of: request)
        try context.requireFormToken(form)
        let done: String
        do {
            switch try context.parameters.require("action") {
            case "capture":
                _ = try await database.capture(reference, amount: try Self.amount(form), of: client)
                done = "captured"
            case "cancel":
                _ = try await database.cancelPayment(reference, of: client)
                done = "cancelled"
            case "refund":
                _ = try await database.createRefund(payment: reference, of: client, refund: ValidatedRefund(amount: try Self.amount(form)))
                done = "refunded"
            case "advance":
                guard let status = form["status"].flatMap(PaymentStatus.init(rawValue:)) else {
                    throw Problem.invalid(source: "/status", param: "status", "must be a payment status")
                }
                _ = try await database.forceTransition(reference, to: status, reason: nil, of: client)
                done = "advanced"
            default:
                throw Problem.notFound("There is no such action")
            }
        } catch let problem as Problem where problem.status == .unprocessableContent {
            return try await paymentPage(reference, context: context, failure: problem, status: .unprocessableContent)
        }
        return PageRenderer.redirect(to: "/dashboard/payments/\(reference)?done=\(done)")
    }

    private func paymentPage(_ reference: String, context: SandboxRequestContext, done: String? = nil, failure: Problem? = nil,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let client = try context.requireClient()
        guard reference.utf8.count <= 64, let payment = try database.payment(reference, of: client) else {
            throw Problem.notFound("There is no payment \(reference) in this client's dashboard")
        }
        let recipient = database.recipient(payment.recipientID)
        let history = try await database.history(of: payment.id)
        let (notifications, _) = try await database.notifications(of: client, resource: payment.id, page: 1, perPage: 100)
        let (refunds, _) = try await database.refunds(of: client, payment: payment.id, status: nil, page: 1, perPage: 100)
        let current = payment.status

        var values = context.merchantHeader(.dashboard)
        values["reference"] = payment.id
        values["status"] = payment.status.rawValue
        values["done"] = done
        if let failure {
            values["failure"] = failure.detail
            let details = failure.errors.map { "\($0.param): \($0.message)" }
            values["failureDetails"] = details
            values["hasFailureDetails"] = !details.isEmpty
        }
        values["amountFrom"] = Self.amount(payment.amountFrom, payment.currencyFrom)
        values["currencyFrom"] = payment.currencyFrom
        values["amountTo"] = Self.amount(payment.amountTo, payment.currencyTo)
        values["amountToSubunits"] = payment.amountTo
        values["currencyTo"] = payment.currencyTo
        values["recipient"] = "\(payment.recipientID) · \(recipient?.name ?? "")"
        values["method"] = payment.paymentMethod
        if let card = payment.card {
            values["card"] = "\(card.brand.prefix(1).uppercased() + card.brand.dropFirst()) ending \(card.lastFour)"
        }
        if let held = payment.heldAmount {
            values["held"] = Self.amount(held, payment.currencyTo) + " " + payment.currencyTo
            values["heldSubunits"] = held
            if let ends = payment.holdExpiresAt { values["holdEnds"] = database.clock(of: client.id).timestamp(ends) }
        }
        if let captured = payment.capturedAmount { values["captured"] = Self.amount(captured, payment.currencyTo) + " " + payment.currencyTo }
        values["externalReference"] = payment.externalReference ?? "—"
        values["orderID"] = payment.orderID
        values["sessionID"] = payment.sessionID
        if let payer = payment.payer.flatMap({ try? JSON.parse($0) }) {
            let name = [payer["first_name"]?.string, payer["last_name"]?.string].compactMap { $0 }.joined(separator: " ")
            values["payer"] = [name, payer["email"]?.string, payer["country"]?.string].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        }
        values["reason"] = payment.reason.map { reason in payment.reasonCode.map { "\(reason) (\($0))" } ?? reason }
        values["createdAt"] = payment.createdAt

        let canCapture = payment.capture == "manual" && PaymentLifecycle.holding.contains(current)
        let canCancel = PaymentLifecycle.cancellable.contains(current)
        let canRefund = PaymentLifecycle.refundable.contains(current)
        let next = (PaymentLifecycle.allowed[current] ?? []).map(\.rawValue).sorted()
        values["canCapture"] = canCapture
        values["canCancel"] = canCancel
        values["canRefund"] = canRefund
        values["nextStatuses"] = next
        values["hasNextStatuses"] = !next.isEmpty
        values["hasActions"] = canCapture || canCancel || canRefund || !next.isEmpty

        values["history"] = history.map { ["at": $0.at, "status": $0.status.rawValue, "note": $0.note ?? ""] }
        values["refunds"] = refunds.map { refund -> [String: Any] in
            ["id": refund.id, "amount": Self.amount(refund.amount, refund.currency) + " " + refund.currency,
             "status": refund.status.rawValue, "bundle": refund.bundleID]
        }
        values["hasRefunds"] = !refunds.isEmpty
        values["hasNotifications"] = !notifications.isEmpty
        values["noNotifications"] = payment.notificationsURL == nil && client.notificationsURL == nil
            ? "None: neither this payment nor the client has a notifications URL." : "None yet."
        values["now"] = database.clock(of: client.id).timestamp()
        values["back"] = "/dashboard/payments/\(payment.id)"
        values["notifications"] = notifications.map { notification, attempts -> [String: Any] in
            ["id": notification.id ?? 0, "event": notification.eventType, "url": notification.url, "state": notification.state.rawValue,
             "createdAt": notification.createdAt, "body": notification.body,
             "digest": Digest.flywireDigest(body: notification.body, secret: client.sharedSecret),
             "hasAttempts": !attempts.isEmpty,
             "attempts": attempts.map { attempt -> [String: Any] in
                 ["attempt": attempt.attempt, "at": attempt.at,
                  "outcome": attempt.statusCode.map { "HTTP \($0)" } ?? attempt.error ?? "no answer"]
             }]
        }
        return pages.page("payment", values, status: status)
    }

    /// "120.25" for 12025 USD subunits (the currency code sits beside it on the page).
    static func amount(_ subunits: Int64, _ code: String) -> String {
        Currency.named(code)?.number(subunits) ?? String(subunits)
    }

    /// The positive `amount` of an action's form, in subunits.
    static func amount(_ form: [String: String]) throws -> Int64 {
        guard let text = form["amount"]?.trimmingCharacters(in: .whitespaces), let amount = Int64(text), amount > 0 else {
            throw Problem.invalid(source: "/amount", param: "amount", "must be a positive whole number of subunits")
        }
        return amount
    }
}
