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
        let status = request.query("status")
        if let status, PaymentStatus(rawValue: status) == nil {
            throw Problem.badRequest("Invalid parameters", errors: [Problem.Entry(
                source: "status", param: "status", type: "invalid_param",
                message: "must be one of \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        let filter = SandboxDatabase.PaymentFilter(recipient: request.query("recipient") ?? request.query("recipient_id"),
                                                   status: status.flatMap(PaymentStatus.init(rawValue:)),
                                                   externalReference: request.query("external_reference"))
        let (payments, total) = try await database.payments(of: client, filter: filter, page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("payments", payments.map { PaymentWire.details($0) }, total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        guard let payment = try database.payment(reference, of: client) else { throw Problem.notFound("Payment \(reference) not found") }
        return .json(PaymentWire.details(payment, trackingURL: TrackingController.url(of: payment, client: client, base: request.sandboxBaseURL)))
    }

    /// A receipt [S]: none for failed or cancelled payments.
    func receipt(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        guard let payment = try database.payment(reference, of: client) else { throw Problem.notFound("Payment \(reference) not found") }
        guard payment.status != .failed, payment.status != .cancelled else {
            throw Problem.invalid(source: "/payment", param: "payment_id", type: "invalid_status", "has no receipt; it is \(payment.status.rawValue)")
        }
        return .json(PaymentWire.receipt(payment, recipientName: database.recipient(payment.recipientID)?.name ?? ""))
    }

    func process(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let payment = try await database.processPayment(try context.parameters.require("reference"), of: try context.requireClient())
        return .json(PaymentWire.details(payment))
    }

    func cancel(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let payment = try await database.cancelPayment(try context.parameters.require("reference"), of: try context.requireClient())
        return .json(PaymentWire.details(payment))
    }

    func capture(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let amount = try PaymentRules.amount(of: try await request.jsonObject(context: context))
        return .json(PaymentWire.capture(try await database.capture(reference, amount: amount, of: client)), status: .created)
    }

    func adjust(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let amount = try PaymentRules.amount(of: try await request.jsonObject(context: context))
        return .json(PaymentWire.adjustment(try await database.adjustAuthorization(reference, amount: amount, of: client)), status: .created)
    }

    func refund(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let refund = try RefundRules.validate(try await request.jsonObject(context: context))
        return .json(RefundWire.refund(try await database.createRefund(payment: reference, of: client, refund: refund)), status: .created)
    }

    func chargeToken(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let charge = try TokenChargeRules.validate(try await request.jsonObject(context: context))
        return .json(PaymentWire.tokenCharge(try await database.chargeToken(charge, of: client)), status: .created)
    }
}
