import Hummingbird

/// GET /recipients and GET /recipients/{id}.
struct RecipientsController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: list)
            .get(":id", use: show)
    }

    func list(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let pagination = try Pagination(request)
        let (recipients, total) = database.recipients(page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("recipients", recipients.map(RecipientWire.summary), total: total))
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let recipient = database.recipient(id) else { throw Problem.notFound("Recipient \(id) not found") }
        return .json(RecipientWire.details(recipient))
    }
}
