import Foundation
import GRDB
import Synchronization

/// The sandbox's one owner of its SQLite database (WAL, synchronous=FULL: a change the API
/// acknowledged survives a crash). Controllers open no transactions: every write is a method
/// here named by intent, one transaction that keeps the invariants.
public final class SandboxDatabase: Sendable {
    let pool: DatabasePool
    /// A connection of its own for checkpoints, so that they never wait for the writer.
    private let checkpointer: DatabaseQueue
    /// Read-only connections for `lookup` alone. GRDB's asynchronous reads hold a connection
    /// of `pool` until their task resumes; a blocking lookup waiting for one of those could
    /// hold the very thread they need to resume on.
    private let lookups: DatabasePool
    /// Each client's test clock [S]: real time plus the offset that client advanced it by, so
    /// that one client's advance never expires another's holds. Offsets are kept in
    /// `sandbox_state` (`clock_offset:CLIENT`).
    private var clocks: [String: SandboxClock] { directory.withLock { $0.clocks } }
    /// Real time, for a client id the sandbox does not know (none reaches here in practice).
    private let realTime = SandboxClock()
    /// The API clients, by key and by id, with their clocks. They are written at start-up and
    /// when the clients are reloaded (SIGHUP: `replaceClients`), so every request finds its
    /// client in memory instead of in a database read (make bench: this read was half the
    /// cost of a payment read).
    private let directory: Mutex<ClientDirectory>
    /// The recipients, in id order. Only migrations write them, so they are read once, here
    /// (make bench: looking one up was the largest database cost of an order creation).
    let recipientList: [RecipientRecord]
    private let recipientsByID: [String: RecipientRecord]
    /// Idempotency keys of requests being handled (see SandboxDatabase+Idempotency).
    let runningIdempotentRequests = RunningIdempotentRequests()
    /// The receivers `fwpay listen` registered (POST /sandbox/listener), in memory.
    let listeners = ClientListeners()
    /// How long an answer to an idempotent request may wait for a change to be stored with.
    let answerStorageDelay: Duration
    /// The notification format each client chose (POST /sandbox/settings), kept in
    /// `sandbox_state` and read once here.
    private let notificationFormats: Mutex<[String: NotificationWire.Format]>

    /// Opens (creating if needed) and migrates the database at `path`, then makes sure the
    /// given API clients and seeded recipients exist.
    public init(path: String, clients: [SandboxConfiguration.APIClient], recipients: [SandboxSeed.Recipient] = [],
                answerStorageDelay: Duration = .milliseconds(5)) throws {
        self.answerStorageDelay = answerStorageDelay
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Checkpoints run in the background (checkpointWAL()), not in whichever commit
            // crosses SQLite's threshold: that commit, and every write queued behind it,
            // waited for the copy and its fsyncs (make bench: p99 of order creation 10-12 ms
            // with automatic checkpoints, 4-5 ms without).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try SandboxSchema.migrator.migrate(pool)
        checkpointer = try DatabaseQueue(path: path, configuration: configuration)
        var readOnly = configuration
        readOnly.readonly = true
        lookups = try DatabasePool(path: path, configuration: readOnly)
        try pool.write { db in
            try Self.store(clients, in: db)
            // A seeded recipient replaces one of the same id; orders and payments keep pointing at it.
            for seeded in recipients {
                let r = seeded.record
                try db.execute(sql: """
                    INSERT INTO recipient (id, name, country, currency, min_amount, max_amount, fields, external_code, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = excluded.country, currency = excluded.currency,
                        min_amount = excluded.min_amount, max_amount = excluded.max_amount, fields = excluded.fields,
                        external_code = excluded.external_code, state = excluded.state
                    """, arguments: [r.id, r.name, r.country, r.currency, r.minimumAmount, r.maximumAmount, r.fields, r.externalCode, r.state])
            }
        }
        directory = Mutex(try Self.directory(of: clients, in: pool, keeping: [:]))
        recipientList = try pool.read { db in try RecipientRecord.order(Column("id")).fetchAll(db) }
        let formats = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM sandbox_state WHERE key LIKE 'notification_format:%'")
        }
        notificationFormats = Mutex(Dictionary(formats.compactMap { row -> (String, NotificationWire.Format)? in
            let key: String = row["key"], value: String = row["value"]
            return NotificationWire.Format(rawValue: value).map { (String(key.dropFirst("notification_format:".count)), $0) }
        }, uniquingKeysWith: { _, last in last }))
        recipientsByID = Dictionary(uniqueKeysWithValues: recipientList.map { ($0.id, $0) })
    }

    /// What `directory` holds: the signed-in clients by key, every stored client by id, clocks.
    struct ClientDirectory: Sendable {
        var byKey: [String: ClientRecord]
        var byID: [String: ClientRecord]
        var clocks: [String: SandboxClock]
    }

    /// Adds or updates the given clients (their secret and notifications URL follow the key).
    private static func store(_ clients: [SandboxConfiguration.APIClient], in db: Database) throws {
        for client in clients {
            try db.execute(sql: """
                INSERT INTO client (id, api_key, shared_secret, notifications_url) VALUES (?, ?, ?, ?)
                ON CONFLICT(api_key) DO UPDATE SET shared_secret = excluded.shared_secret,
                    notifications_url = excluded.notifications_url
                """, arguments: [client.id, client.apiKey, client.sharedSecret, client.notificationsURL])
        }
    }

    /// The directory of `clients` from the stored ones; a client's clock already running is kept.
    private static func directory(of clients: [SandboxConfiguration.APIClient], in pool: DatabasePool,
                                  keeping running: [String: SandboxClock]) throws -> ClientDirectory {
        let all = try pool.read { db in try ClientRecord.fetchAll(db) }
        // Only the clients of this run's configuration sign in: a key taken out of --client or
        // --clients-file is revoked, its data kept (finding N10: every key ever stored worked).
        let configured = Set(clients.map(\.apiKey))
        let offsets = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM sandbox_state WHERE key LIKE 'clock_offset%'")
        }.reduce(into: [String: Double]()) { offsets, row in
            let key: String = row["key"], value: String = row["value"]
            offsets[key] = Double(value)
        }
        return ClientDirectory(
            byKey: Dictionary(all.filter { configured.contains($0.apiKey) }.map { ($0.apiKey, $0) },
                              uniquingKeysWith: { first, _ in first }),
            byID: Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            // Databases written before clocks were per client kept one ('clock_offset'): each client starts from it.
            clocks: Dictionary(all.map { client in
                (client.id, running[client.id] ?? SandboxClock(offset: offsets["clock_offset:\(client.id)"] ?? offsets["clock_offset"] ?? 0))
            }, uniquingKeysWith: { first, _ in first }))
    }

    /// Makes `clients` the ones that sign in from now on, while the sandbox runs (SIGHUP with
    /// --clients-file): new ones are added, changed secrets and URLs take effect, and a key no
    /// longer listed is revoked, its data kept. Returns how many clients sign in.
    @discardableResult
    public func replaceClients(_ clients: [SandboxConfiguration.APIClient]) throws -> Int {
        try pool.write { db in try Self.store(clients, in: db) }
        let running = directory.withLock { $0.clocks }
        let replaced = try Self.directory(of: clients, in: pool, keeping: running)
        directory.withLock { $0 = replaced }
        return replaced.byKey.count
    }

    /// Copies committed changes from the write-ahead log into the database file, so that
    /// SQLite can start the log over. Most of the copy happens beside the writer (a passive
    /// checkpoint on a connection of its own); what was committed meanwhile is copied between
    /// two writes, which is what lets the next write restart the log (a checkpoint racing
    /// the writer never catches up under load, and the log grows without end).
    /// Returns the number of frames the log held.
    @discardableResult
    func checkpointWAL() async throws -> Int {
        let frames = try await checkpointer.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount }
        guard frames > 0 else { return 0 }
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        return frames
    }

    func notificationFormat(of clientID: String) -> NotificationWire.Format {
        notificationFormats.withLock { $0[clientID] } ?? .v2
    }

    /// Chooses the format of a client's notifications from now on.
    func setNotificationFormat(_ format: NotificationWire.Format, of client: ClientRecord) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO sandbox_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: ["notification_format:\(client.id)", format.rawValue])
        }
        notificationFormats.withLock { $0[client.id] = format }
    }

    /// The test clock of client `clientID`.
    func clock(of clientID: String) -> SandboxClock {
        directory.withLock { $0.clocks[clientID] } ?? realTime
    }

    /// The ids of every API client, for the background work that goes client by client.
    var clientIDs: [String] { clocks.keys.sorted() }

    func client(id: String) -> ClientRecord? {
        directory.withLock { $0.byID[id] }
    }

    func client(apiKey: String) -> ClientRecord? {
        directory.withLock { $0.byKey[apiKey] }
    }

    func recipient(_ id: String) -> RecipientRecord? {
        recipientsByID[id]
    }

    /// One page of recipients, in id order, and the total count.
    func recipients(page: Int, perPage: Int) -> (recipients: [RecipientRecord], total: Int) {
        let count = max(0, perPage)  // page and per_page come bounded from Pagination
        return (Array(recipientList.dropFirst(max(0, page - 1) * count).prefix(count)), recipientList.count)
    }

    func payment(_ reference: String, of client: ClientRecord) throws -> PaymentRecord? {
        try lookup { db in try PaymentRecord.fetchOne(db, id: reference, ownedBy: client) }
    }

    /// A payment by its reference alone, for the payer's tracking page (which checks its token).
    func payment(tracked reference: String) throws -> PaymentRecord? {
        try lookup { db in try PaymentRecord.fetchOne(db, key: reference) }
    }

    /// Every change to the data: one durable transaction, which also stores the answers to
    /// idempotent requests given since the last one (see SandboxDatabase+Idempotency).
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write { db in
            try self.storeAnswers(db)
            return try updates(db)
        }
    }

    /// A read of one row by key, on the calling thread. Such a read takes microseconds from
    /// SQLite's page cache; awaiting GRDB's reader queue instead costs two thread switches,
    /// which were most of a payment read (bench/NOTES.md). Lists and writes stay asynchronous.
    func lookup<T>(_ read: (Database) throws -> T) throws -> T {
        try lookups.read(read)
    }
}
