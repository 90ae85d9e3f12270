/// How a sandbox is started: where it listens, where it stores, which API clients exist.
public struct SandboxConfiguration: Sendable {
    /// An API client: its key, and the shared secret that signs its notifications.
    public struct APIClient: Sendable {
        public var id: String
        public var apiKey: String
        public var sharedSecret: String
        public var notificationsURL: String?

        /// A client id that follows from its key alone ("client-" and 16 hex digits of its
        /// SHA-256), so that the same key has the same id in every run.
        public static func id(forKey key: String) -> String {
            "client-" + String(Digest.sha256(Array(key.utf8)).prefix(16))
        }

        public init(id: String, apiKey: String, sharedSecret: String, notificationsURL: String? = nil) {
            self.id = id
            self.apiKey = apiKey
            self.sharedSecret = sharedSecret
            self.notificationsURL = notificationsURL
        }
    }

    /// The client every sandbox has, so that `make demo` and a first try need no set-up.
    /// These credentials only ever open a local sandbox.
    public static let demoClient = APIClient(id: "demo", apiKey: "sandbox-demo-key", sharedSecret: "sandbox-demo-secret")

    public var host: String
    public var port: Int
    public var databasePath: String
    public var clients: [APIClient]
    /// First delay before a failed notification is sent again; it doubles each attempt.
    public var notificationRetrySeconds: Double
    /// Delivery attempts of a notification before it is marked failed.
    public var notificationAttempts: Int
    /// Deliver notifications to hosts that are not loopback (off by default).
    public var deliverAnywhere = false
    /// Ignore Idempotency-Key headers, as a server that does not honour them would (for
    /// testing clients against one; off by default).
    public var ignoreIdempotencyKeys = false
    /// Seconds before an idle connection is closed.
    public var idleTimeoutSeconds = 60
    /// Seconds a new connection has to send a whole request head.
    public var headTimeoutSeconds = 10
    /// Seconds a request has, from its head, to send its whole body.
    public var bodyTimeoutSeconds = 10
    /// Host names the sandbox answers to besides loopback ones and `host`.
    public var allowedHosts: [String] = []
    /// Connections served at once (also kept below the process's descriptor limit).
    public var maximumConnections = 4_096
    /// Write one line per API and control request to stderr.
    public var logRequests = false
    /// Recipients of a seed file, added to (or replacing by id) the default ones.
    public var seedRecipients: [SandboxSeed.Recipient] = []
    /// Made-up payments to add to the first client before serving (sandbox-only, for
    /// benchmarks and trying the lists at real sizes: `--bulk-seed`).
    public var bulkSeedPayments = 0
    /// Sandbox-only (`--rate-limit`): API requests a minute per client before it is blocked
    /// for `rateLimitBlockSeconds` (429s), as Flywire is reported to do per IP; 0: no limit.
    public var rateLimit = 0
    public var rateLimitBlockSeconds = 600
    /// Reads the API clients again (the command's --client, FWPAY_SANDBOX_CLIENTS, --clients-file
    /// and seed): when set, SIGHUP makes what it returns the clients that sign in, while the
    /// sandbox runs (ClientReloader).
    public var reloadClients: (@Sendable () throws -> [APIClient])?

    public init(host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "fwpay-sandbox.sqlite",
                clients: [APIClient] = [SandboxConfiguration.demoClient], notificationRetrySeconds: Double = 5,
                notificationAttempts: Int = 6) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.clients = clients
        self.notificationRetrySeconds = notificationRetrySeconds
        self.notificationAttempts = notificationAttempts
    }
}
