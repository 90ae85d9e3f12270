import Hummingbird

/// Payments: GET /payments, GET /payments/{ref}, its receipt, process, cancel, captures,
/// authorization adjustments and refunds, and POST /payments/charge for saved cards.
struct PaymentsController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
            .post("charge", use: chargeToken)
            .get(":reference", use: show)
            .get(":reference/receipt", use: receipt)
            .post(":reference/process", use: process)
            .post(":reference/cancel", use: cancel)
            .post(":reference/captures", use: capture)
            .post(":reference/authorization_adjustments", use: adjust)
            .post(":reference/refunds", use: refund)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let pagination = try Pagination(request)
        if let status = request.query("status"), PaymentStatus(rawValue: status) == nil {
            throw Problem.badRequest("Invalid parameters", errors: [Problem.Entry(
                source: "status", param: "status", type: "invalid_param",
                message: "must be one of \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        let filter = SandboxDatabase.PaymentFilter(recipient: request.query("recipient") ?? request.query("recipient_id"),
                                                   status: request.query("status"),
                                                   externalReference: request.query("external_reference"))
        let (payments, total) = try await database.payments(of: client, filter: filter, page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("payments", payments.map(\.details), total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        guard let payment = try database.payment(reference, of: client) else { throw Problem.notFound("Payment \(reference) not found") }
        return .json(payment.details)
    }

    /// A receipt [S]: what the payer paid, to whom, and when; none for failed or cancelled payments.
    func receipt(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        guard let payment = try database.payment(reference, of: client) else { throw Problem.notFound("Payment \(reference) not found") }
        guard !["failed", "cancelled"].contains(payment.status) else {
            throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "has no receipt; it is \(payment.status)")
        }
        let recipient = database.recipient(payment.recipientID)
        let payer = payment.payer.flatMap { try? JSON.parse($0) } ?? .object([])
        return .json(.object([
            ("receipt_number", .string("RCPT-" + payment.id)), ("payment_id", .string(payment.id)),
            ("status", .string(payment.status)),
            ("recipient", .object([("id", .string(payment.recipientID)), ("name", .string(recipient?.name ?? ""))])),
            ("payer", .object([("first_name", payer["first_name"] ?? .null), ("last_name", payer["last_name"] ?? .null),
                               ("email", payer["email"] ?? .null), ("country", payer["country"] ?? .null)])),
            ("amount_from", .integer(payment.amountFrom)), ("currency_from", .string(payment.currencyFrom)),
            ("amount_to", .integer(payment.amountTo)), ("currency_to", .string(payment.currencyTo)),
            ("payment_method", .string(payment.paymentMethod)), ("created_at", .string(payment.createdAt)),
        ]))
    }

    func process(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let payment = try await database.processPayment(try context.parameters.require("reference"), of: try context.requireClient())
        return .json(payment.details)
    }

    func cancel(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let payment = try await database.cancelPayment(try context.parameters.require("reference"), of: try context.requireClient())
        return .json(payment.details)
    }

    func capture(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let amount = try await request.jsonObject(context: context).requiredAmount()
        let held = try database.payment(reference, of: client)?.heldAmount
        let payment = try await database.capture(reference, amount: amount, of: client)
        return .json(.object([
            ("payment_id", .string(payment.id)), ("status", .string(payment.status)),
            ("captured_amount", .integer(amount)), ("released_amount", .integer((held ?? amount) - amount)),
            ("currency", .string(payment.currencyTo)),
        ]), status: .created)
    }

    func adjust(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let amount = try await request.jsonObject(context: context).requiredAmount()
        let payment = try await database.adjustAuthorization(reference, amount: amount, of: client)
        return .json(payment.details, status: .created)
    }

    func refund(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let body = try await request.jsonObject(context: context)
        return .json(try await database.createRefund(payment: reference, of: client, body: body).json, status: .created)
    }

    func chargeToken(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        return .json(try await database.chargeToken(body, of: client), status: .created)
    }
}
