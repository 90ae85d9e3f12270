import Hummingbird

/// GET /refunds, GET /refunds/{id}, POST /refunds/{id}/cancel.
struct RefundsController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
            .get(":id", use: show)
            .post(":id/cancel", use: cancel)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let pagination = try Pagination(request)
        let (refunds, total) = try await database.refunds(of: client, payment: request.query("payment_id"), status: request.query("status"),
                                                          page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("refunds", refunds.map(RefundWire.refund), total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let refund = try database.refund(id, of: try context.requireClient()) else { throw Problem.notFound("Refund \(id) not found") }
        return .json(RefundWire.refund(refund))
    }

    func cancel(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        .json(RefundWire.refund(try await database.cancelRefund(try context.parameters.require("id"), of: try context.requireClient())))
    }
}
