import Hummingbird

/// Orders (seed 002): POST /orders, GET and PATCH /orders/{id}, POST /orders/{id}/charge.
struct OrdersController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .post(use: create)
            .get(use: list)
            .get(":id", use: show)
            .patch(":id", use: update)
            .post(":id/charge", use: charge)
    }

    func create(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        let recipient = try OrderRules.recipient(of: body, title: "Bad Request", lookup: database.recipient)
        let order = try OrderRules.validate(body, recipient: recipient, title: "Bad Request")
        let record = try await database.createOrder(order, for: client)
        return .json(OrderWire.order(record, paymentReference: nil), status: .created)
    }

    /// Available orders (seed 000): filters `recipient`, `country` (orders usable with a portal
    /// in that country) and `status` (open, charged).
    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let pagination = try Pagination(request)
        let (orders, total) = try await database.orders(of: client, recipient: request.query("recipient"), country: request.query("country"),
                                                        status: request.query("status"), page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("orders", orders.map { OrderWire.order($0.0, paymentReference: $0.1) }, total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        guard let (order, payment) = try database.order(id, of: client) else { throw Problem.notFound("Order \(id) not found") }
        return .json(OrderWire.order(order, paymentReference: payment?.id))
    }

    func update(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        let changes = try await request.jsonObject(context: context)
        try OrderRules.checkEdit(changes)
        guard let (existing, _) = try database.order(id, of: client) else { throw Problem.notFound("Order \(id) not found") }
        guard let recipient = database.recipient(existing.recipientID) else { throw Problem.notFound("Recipient not found") }
        let updated = try await database.updateOrder(id, of: client) { order in
            try OrderRules.validate(OrderRules.merge(changes, into: order.body), recipient: recipient, title: "Unprocessable entity")
        }
        return .json(OrderWire.order(updated, paymentReference: nil))
    }

    func charge(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        let payment = try await database.chargeOrder(id, of: client)
        return .json(PaymentWire.orderCharge(payment), status: .created)
    }
}
