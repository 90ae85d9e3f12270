import Foundation
import Hummingbird
import Logging

/// The base path of Flywire's Payments API, which the sandbox serves under.
public let apiBasePath = "/payments/v1"

/// Builds the sandbox application: opens the database, then the router. `onListening`
/// receives the address actually bound (useful with port 0).
public func buildApplication(_ configuration: SandboxConfiguration, logger: Logger,
                             onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void)
    throws -> some ApplicationProtocol {
    let database = try SandboxDatabase(path: configuration.databasePath, clients: configuration.clients,
                                       recipients: configuration.seedRecipients)
    if configuration.bulkSeedPayments > 0, let client = configuration.clients.first.flatMap({ database.client(id: $0.id) }) {
        let started = ContinuousClock.now
        let counts = try database.bulkSeed(configuration.bulkSeedPayments, for: client)
        // On stderr whatever the log level: the seed is what the caller waited minutes for.
        FileHandle.standardError.write(Data(("fwpay-sandbox: --bulk-seed added \(counts.payments) payments (with their orders, "
            + "histories and notifications) and \(counts.refunds) refunds in \(counts.bundles) bundles to client \(client.id) "
            + "in \(ContinuousClock.now - started)\n").utf8))
    }
    let connections = ConnectionGuard(limit: min(configuration.maximumConnections, ConnectionGuard.connectionsThatFit()),
                                      firstHead: .seconds(Int64(configuration.headTimeoutSeconds)),
                                      nextHead: .seconds(Int64(configuration.idleTimeoutSeconds)),
                                      body: .seconds(Int64(configuration.bodyTimeoutSeconds)))
    return Application(
        router: try buildRouter(database: database, faults: FaultInjector(), honourIdempotencyKeys: !configuration.ignoreIdempotencyKeys,
                                allowedHosts: Set(([configuration.host] + configuration.allowedHosts).map { $0.lowercased() }),
                                logRequests: configuration.logRequests,
                                rateLimiter: configuration.rateLimit > 0
                                    ? RateLimiter(limit: configuration.rateLimit, blockSeconds: configuration.rateLimitBlockSeconds) : nil),
        // Idle connections are closed after 60 s by default, longer than clients keep them
        // (fwpay: 20 s).
        server: .http1(configuration: .init(additionalChannelHandlers: [connections.handler()],
                                            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "fwpay-sandbox"),
        services: (configuration.reloadClients.map { [ClientReloader(database: database, load: $0, logger: logger)] } ?? []) + [
            TransitionScheduler(database: database, logger: logger),
            WALCheckpointer(database: database, logger: logger),
            NotificationDelivery(database: database, logger: logger, retryBase: configuration.notificationRetrySeconds,
                                 maximumAttempts: configuration.notificationAttempts,
                                 deliverAnywhere: configuration.deliverAnywhere),
        ],
        onServerRunning: { channel in
            onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}

/// Every route of the sandbox. API routes live under `apiBasePath` behind the API key check;
/// the web pages (payer's form, sign-in, merchant pages, dashboard) answer HTML.
func buildRouter(database: SandboxDatabase, faults: FaultInjector, honourIdempotencyKeys: Bool = true,
                 allowedHosts: Set<String> = [], logRequests: Bool = false,
                 rateLimiter: RateLimiter? = nil) throws -> Router<SandboxRequestContext> {
    let pages = try PageRenderer()
    let requestLog = RequestLog()
    let logging = RequestLogMiddleware(log: requestLog, database: database, printLines: logRequests)
    let signIns = WebSignIns()
    let router = Router(context: SandboxRequestContext.self)
    router.add(middleware: VersionHeaderMiddleware())
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: HostCheckMiddleware(allowed: allowedHosts))
    router.add(middleware: ProblemMiddleware())
    router.get("/health") { _, _ in Response.json(.object([("status", .string("ok"))])) }
    router.get("/openapi.json") { _, _ in OpenAPIDescription.response }
    // Order matters: faults wrap idempotency, so that a connection dropped after the change
    // still leaves the stored answer for the retry.
    let api = router.group(RouterPath(apiBasePath))
        .add(middleware: APIKeyMiddleware(database: database))
        .add(middleware: logging)
    if let rateLimiter { api.add(middleware: RateLimitMiddleware(limiter: rateLimiter)) }
    api.add(middleware: FaultInjectionMiddleware(faults: faults))
    if honourIdempotencyKeys { api.add(middleware: IdempotencyMiddleware(database: database)) }
    api.add(middleware: ProblemNoteMiddleware(log: requestLog))
    api.addRoutes(RecipientsController(database: database).routes, atPath: "recipients")
    api.addRoutes(OffersController(database: database).routes, atPath: "offers")
    api.addRoutes(OrdersController(database: database).routes, atPath: "orders")
    api.addRoutes(SessionsController(database: database).routes, atPath: "checkout/sessions")
    api.addRoutes(PaymentsController(database: database).routes, atPath: "payments")
    api.addRoutes(RefundsController(database: database).routes, atPath: "refunds")
    api.addRoutes(RefundBundlesController(database: database).routes, atPath: "refund_bundles")
    router.addRoutes(HostedFormController(database: database, pages: pages).routes, atPath: "checkout/form")

    let web = router.group().add(middleware: ErrorPageMiddleware(pages: pages))
    let signIn = SignInController(database: database, signIns: signIns, pages: pages)
    web.addRoutes(signIn.routes)
    web.addRoutes(TrackingController(database: database, pages: pages).routes, atPath: "track")
    let merchant = web.group().add(middleware: SignedInMiddleware(database: database, signIns: signIns))
    merchant.get("/") { _, _ in PageRenderer.redirect(to: "/dashboard") }
    merchant.addRoutes(signIn.signedInRoutes)
    merchant.addRoutes(MerchantPagesController(database: database, pages: pages).routes, atPath: "merchant/sessions")
    merchant.addRoutes(DashboardController(database: database, pages: pages, requestLog: requestLog).routes, atPath: "dashboard")
    let control = router.group("sandbox").add(middleware: APIKeyMiddleware(database: database)).add(middleware: logging)
    control.addRoutes(SandboxController(database: database, faults: faults, requestLog: requestLog).routes)
    return router
}
