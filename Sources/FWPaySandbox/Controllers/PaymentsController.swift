import Hummingbird

/// GET /payments/{ref}: a payment's details.
struct PaymentsController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(":reference", use: show)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        guard let payment = try await database.payment(reference, of: client) else {
            throw Problem.notFound("Payment \(reference) not found")
        }
        return .json(payment.details)
    }
}
