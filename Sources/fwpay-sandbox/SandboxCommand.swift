import ArgumentParser
import FWPaySandbox
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// fwpay-sandbox: a local, stateful implementation of Flywire's Payments API.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fwpay-sandbox",
        abstract: "A local, stateful implementation of Flywire's Payments API.",
        discussion: """
            Prints "fwpay-sandbox listening on http://HOST:PORT" once it accepts connections; the API \
            is under /payments/v1. The demo client's API key is "sandbox-demo-key".
            """,
        version: SandboxVersion.string)

    @Option(help: "Address to listen on (keep it on loopback).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one. Default: $PORT, else 8080.")
    var port: Int?

    @Option(help: "SQLite database file, created if missing. Default: $FWPAY_SANDBOX_DB, else fwpay-sandbox.sqlite.")
    var db: String?

    @Option(name: .customLong("client"),
            help: ArgumentHelp("Another API client, as KEY:SECRET or KEY:SECRET:NOTIFICATIONS_URL (repeatable). Visible in ps: prefer --clients-file or FWPAY_SANDBOX_CLIENTS.",
                               valueName: "key:secret[:url]"))
    var clients: [String] = []

    @Option(help: ArgumentHelp("A file of API clients, one KEY:SECRET[:URL] a line (# comments); keeps the secrets off the command line.",
                               valueName: "path"))
    var clientsFile: String?

    @Option(name: .customLong("allowed-host"),
            help: "A host name the sandbox answers to besides loopback names (repeatable); $FWPAY_SANDBOX_ALLOWED_HOSTS adds more (comma-separated), as a container's service name.")
    var allowedHosts: [String] = []

    @Option(help: "Connections served at once (kept below the descriptor limit too).")
    var maxConnections = 4_096

    @Option(help: "Seconds a new connection has to send a whole request head.")
    var headTimeout = 10

    @Option(help: "Seconds a request has, from its head, to send its whole body.")
    var bodyTimeout = 10

    @Option(help: "Static notifications URL of the demo client.")
    var notificationsURL: String?

    @Option(help: "Seconds before a failed notification is retried; doubles each attempt.")
    var notificationRetrySeconds = 5.0

    @Option(help: "Delivery attempts per notification before it is marked failed.")
    var notificationAttempts = 6

    @Flag(help: "Deliver notifications to hosts that are not loopback (by default only 127.0.0.0/8, localhost and ::1).")
    var deliverAnywhere = false

    @Option(help: ArgumentHelp("A JSON seed file of recipients (id, name, country, currency, fields with required, amount limits) and clients (api_key, shared_secret, notifications_url), added to the defaults.",
                               valueName: "FILE"))
    var seed: String?

    @Option(help: ArgumentHelp("Sandbox-only, for benchmarks: before serving, add this many made-up payments (with their orders, histories, notifications, and a refund for one delivered payment in ten) to the demo client.",
                               valueName: "N"))
    var bulkSeed = 0

    @Flag(help: "Write one line per API request to stderr: request id, method, path, status, time taken.")
    var logRequests = false

    @Flag(help: "Ignore Idempotency-Key headers, like a server that does not honour them (for testing clients).")
    var ignoreIdempotencyKeys = false

    @Option(help: "Seconds before an idle connection is closed.")
    var idleTimeout = 60

    @Option(help: ArgumentHelp("Sandbox-only: API requests a minute a client may make before it is blocked (every request answered 429) for --rate-limit-block seconds, as Flywire is reported to block an IP past 500 a minute; 0 for no limit.",
                               valueName: "per-minute"))
    var rateLimit = 0

    @Option(help: "Sandbox-only: seconds a client over --rate-limit stays blocked.")
    var rateLimitBlock = 600

    static func main() async {
        // Swift concurrency runs on the server's event loops instead of a pool of its own, so
        // a request no longer hops between two sets of threads on its way through a handler.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }

    func validate() throws {
        guard (0...65_535).contains(try listeningPort()) else { throw ValidationError("--port (or $PORT) must be between 0 and 65535") }
        for client in clients where client.split(separator: ":", maxSplits: 2).count < 2 {
            throw ValidationError("--client takes KEY:SECRET or KEY:SECRET:NOTIFICATIONS_URL")
        }
        guard (1...3_600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
        guard (1...3_600).contains(headTimeout) else { throw ValidationError("--head-timeout must be 1 to 3600 seconds") }
        guard (1...3_600).contains(bodyTimeout) else { throw ValidationError("--body-timeout must be 1 to 3600 seconds") }
        guard (0...10_000_000).contains(bulkSeed) else { throw ValidationError("--bulk-seed must be 0 to 10000000") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1 to 100000") }
        guard (0...1_000_000).contains(rateLimit), (1...86_400).contains(rateLimitBlock) else {
            throw ValidationError("--rate-limit must be 0 to 1000000 and --rate-limit-block 1 to 86400 seconds")
        }
        guard notificationRetrySeconds > 0, (1...20).contains(notificationAttempts) else {
            throw ValidationError("--notification-retry-seconds must be positive and --notification-attempts 1 to 20")
        }
    }

    /// The API clients: the demo client, those of --client, FWPAY_SANDBOX_CLIENTS (the same
    /// form, separated by spaces or newlines) and --clients-file (which keep the secrets out of
    /// `ps`), and the seed's. Read at start and again on SIGHUP.
    static func apiClients(listed: [String], file: String?, demoNotificationsURL: String?,
                           seeded: [SandboxConfiguration.APIClient]) throws -> [SandboxConfiguration.APIClient] {
        var given = listed
        if let environment = ProcessInfo.processInfo.environment["FWPAY_SANDBOX_CLIENTS"] {
            given += environment.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--clients-file: cannot read \(file)")
            }
            given += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        var demo = SandboxConfiguration.demoClient
        demo.notificationsURL = demoNotificationsURL
        var clients = [demo]
        for client in given {
            let parts = client.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { throw ValidationError("a client is KEY:SECRET or KEY:SECRET:NOTIFICATIONS_URL") }
            // The id follows from the key, so that a restart with another list of clients
            // finds each client's data again (finding L6).
            clients.append(.init(id: SandboxConfiguration.APIClient.id(forKey: parts[0]), apiKey: parts[0], sharedSecret: parts[1],
                                 notificationsURL: parts.count > 2 ? parts[2] : nil))
        }
        return clients + seeded
    }

    /// --port, else $PORT (as platforms that run containers set it), else 8080.
    func listeningPort() throws -> Int {
        if let port { return port }
        guard let given = ProcessInfo.processInfo.environment["PORT"], !given.isEmpty else { return 8080 }
        guard let port = Int(given) else { throw ValidationError("$PORT is \"\(given)\", not a port number") }
        return port
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "fwpay-sandbox")
        logger.logLevel = .warning
        var seeded = SandboxSeed()
        if let seed {
            // A seed is a few recipients and clients; a file far larger is a mistake, not a seed.
            let size = (try? FileManager.default.attributesOfItem(atPath: seed)[.size] as? Int) ?? nil
            guard let size, size <= 16 << 20 else { throw ValidationError("--seed: cannot read \(seed), or it is over 16 MiB") }
            guard let text = try? String(contentsOfFile: seed, encoding: .utf8) else { throw ValidationError("--seed: cannot read \(seed)") }
            do { seeded = try SandboxSeed.parse(text) } catch { throw ValidationError("--seed \(seed): \(error)") }
        }
        let (listed, file, demoURL, seededClients) = (clients, clientsFile, notificationsURL, seeded.clients)
        let apiClients: @Sendable () throws -> [SandboxConfiguration.APIClient] = {
            try Self.apiClients(listed: listed, file: file, demoNotificationsURL: demoURL, seeded: seededClients)
        }
        let environment = ProcessInfo.processInfo.environment
        let database = db ?? environment["FWPAY_SANDBOX_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fwpay-sandbox.sqlite"
        var configuration = SandboxConfiguration(host: host, port: try listeningPort(), databasePath: database, clients: try apiClients(),
                                                 notificationRetrySeconds: notificationRetrySeconds,
                                                 notificationAttempts: notificationAttempts)
        configuration.deliverAnywhere = deliverAnywhere
        configuration.ignoreIdempotencyKeys = ignoreIdempotencyKeys
        configuration.logRequests = logRequests
        configuration.seedRecipients = seeded.recipients
        configuration.idleTimeoutSeconds = idleTimeout
        configuration.headTimeoutSeconds = headTimeout
        configuration.bodyTimeoutSeconds = bodyTimeout
        configuration.maximumConnections = maxConnections
        configuration.bulkSeedPayments = bulkSeed
        configuration.allowedHosts = allowedHosts + (environment["FWPAY_SANDBOX_ALLOWED_HOSTS"] ?? "")
            .split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        configuration.reloadClients = apiClients  // on SIGHUP
        configuration.rateLimit = rateLimit
        configuration.rateLimitBlockSeconds = rateLimitBlock
        let app = try buildApplication(configuration, logger: logger) { host, port in
            print("fwpay-sandbox listening on http://\(host):\(port)")
            fflush(nil)  // the line is what scripts wait for: do not leave it in a buffer
        }
        // SIGTERM and SIGINT shut down gracefully, but within bounds: a notification being
        // delivered or a client that keeps its connection open must not keep the process alive.
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(3)
        group.maximumCancellationDuration = .seconds(2)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch let error as ServiceGroupError {
            logger.warning("shutdown: \(error)")
        }
    }
}
