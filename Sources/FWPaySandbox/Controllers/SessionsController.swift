import Hummingbird

/// Checkout sessions (seed 003): POST /checkout/sessions, GET /checkout/sessions/{id},
/// POST /checkout/sessions/{id}/confirm.
struct SessionsController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .post(use: create)
            .get(":id", use: show)
            .post(":id/confirm", use: confirm)
    }

    func create(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let (session, validated) = try await database.createSession(try await request.jsonObject(context: context), for: client)
        return .json(.object([
            ("id", .string(session.id)),
            ("expires_in_seconds", .integer(Int64(SessionRules.lifetime))),
            ("hosted_form", .object([
                ("url", .string("\(request.sandboxBaseURL)/checkout/form?session_id=\(session.id)")),
                ("method", .string("GET")),
            ])),
            ("warnings", .array(validated.warnings)),
        ]), status: .created)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        guard let session = try database.session(id), session.clientID == client.id else {
            throw Problem.notFound("Checkout session \(id) not found")
        }
        let remaining = max(0, session.expiresAt - database.clock.now())
        return .json(.object([
            ("id", .string(session.id)), ("type", .string(session.type)), ("status", .string(remaining == 0 && session.status == .open ? "expired" : session.status.rawValue)),
            ("recipient_id", .string(session.recipientID)), ("amount", .integer(session.amount)), ("currency", .string(session.currency)),
            ("expires_in_seconds", .integer(Int64(remaining))), ("payment_reference", session.paymentID.map(JSON.string) ?? .null),
            ("created_at", .string(session.createdAt)), ("order_id", session.orderID.map(JSON.string) ?? .null),
        ]))
    }

    func confirm(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        return .json(try await database.confirmSession(id, of: client), status: .created)
    }
}
