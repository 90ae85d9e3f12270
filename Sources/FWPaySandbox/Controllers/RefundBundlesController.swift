import Hummingbird

/// GET /refund_bundles, GET /refund_bundles/{id}, POST /refund_bundles/{id}/approve.
struct RefundBundlesController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
            .get(":id", use: show)
            .post(":id/approve", use: approve)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let pagination = try Pagination(request)
        let (bundles, total) = try await database.bundles(of: client, page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("refund_bundles", bundles.map { RefundWire.bundle($0.0, refunds: $0.1) }, total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let (bundle, refunds) = try await database.bundle(id, of: try context.requireClient()) else {
            throw Problem.notFound("Refund bundle \(id) not found")
        }
        return .json(RefundWire.bundle(bundle, refunds: refunds))
    }

    func approve(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let (bundle, refunds) = try await database.approveBundle(try context.parameters.require("id"), of: try context.requireClient())
        return .json(RefundWire.bundle(bundle, refunds: refunds))
    }
}
