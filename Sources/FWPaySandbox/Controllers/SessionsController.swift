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
        let validated = try validate(try await request.jsonObject(context: context), of: client, database: database)
        let session = try await database.createSession(validated, for: client)
        return .json(SessionWire.created(session, warnings: validated.warnings, baseURL: request.sandboxBaseURL,
                                         expiresAt: database.clock(of: client.id).offsetTimestamp(session.expiresAt)), status: .created)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        guard let session = try database.session(id), session.clientID == client.id else {
            throw Problem.notFound("Checkout session \(id) not found")
        }
        return .json(SessionWire.details(session, now: database.clock(of: client.id).now()))
    }

    /// 200, as Flywire answers (a real integration treats anything else as an error). A
    /// session id that is not a UUID is refused as invalid (422), as Flywire does; an unknown
    /// one is not found (404).
    func confirm(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        guard SessionRules.isSessionID(id) else {
            throw Problem.invalid(source: "/session_id", param: "session_id", "is not a checkout session id")
        }
        let (confirmation, payment) = try await database.confirmSession(id, of: client)
        return .json(PaymentWire.confirmation(confirmation, payment: payment))
    }
}

/// A session body checked against its recipient and, when it names an `order_id`, against
/// that order of the client (the API and the merchant's Create Session page).
func validate(_ body: JSON, of client: ClientRecord, database: SandboxDatabase) throws -> ValidatedSession {
    let recipient = try SessionRules.recipient(of: body, lookup: database.recipient)
    guard let orderID = SessionRules.orderID(of: body) else { return try SessionRules.validate(body, recipient: recipient) }
    return try SessionRules.validate(body, recipient: recipient, order: orderID.isEmpty ? nil : try database.order(orderID, of: client))
}
