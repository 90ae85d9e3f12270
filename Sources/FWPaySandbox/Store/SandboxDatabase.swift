import Foundation
import GRDB

/// The sandbox's one owner of its SQLite database (WAL, synchronous=FULL: a change the API
/// acknowledged survives a crash). Controllers open no transactions: every write is a method
/// here named by intent, one transaction that keeps the invariants.
public final class SandboxDatabase: Sendable {
    let pool: DatabasePool
    /// The test clock; its offset is kept in `sandbox_state`.
    let clock: SandboxClock
    /// The API clients, by key and by id. They are written only here, at start-up, so every
    /// request finds its client in memory instead of in a database read (make bench: this
    /// read was half the cost of a payment read).
    private let clientsByKey: [String: ClientRecord]
    private let clientsByID: [String: ClientRecord]

    /// Opens (creating if needed) and migrates the database at `path`, then makes sure the
    /// given API clients exist.
    public init(path: String, clients: [SandboxConfiguration.APIClient]) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        let offset = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM sandbox_state WHERE key = 'clock_offset'").flatMap(Double.init)
        }
        clock = SandboxClock(offset: offset ?? 0)
        try pool.write { db in
            for client in clients {
                try db.execute(sql: """
                    INSERT INTO client (id, api_key, shared_secret, notifications_url) VALUES (?, ?, ?, ?)
                    ON CONFLICT(api_key) DO UPDATE SET shared_secret = excluded.shared_secret,
                        notifications_url = excluded.notifications_url
                    """, arguments: [client.id, client.apiKey, client.sharedSecret, client.notificationsURL])
            }
        }
        let all = try pool.read { db in try ClientRecord.fetchAll(db) }
        clientsByKey = Dictionary(all.map { ($0.apiKey, $0) }, uniquingKeysWith: { first, _ in first })
        clientsByID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Migrations are history: never edit one that has shipped, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("create clients, recipients, orders, payments") { db in
            try db.create(table: "client") { t in
                t.primaryKey("id", .text)
                t.column("api_key", .text).notNull().unique()
                t.column("shared_secret", .text).notNull()
                t.column("notifications_url", .text)
            }
            try db.create(table: "recipient") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("country", .text).notNull()
                t.column("currency", .text).notNull()
                t.column("min_amount", .integer).notNull().check { $0 > 0 }
                t.column("max_amount", .integer).notNull()
                t.column("fields", .text).notNull()
            }
            try db.create(table: "order") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("recipient_id", .text).notNull().references("recipient", onDelete: .restrict)
                t.column("payer_country", .text).notNull()
                t.column("document", .text).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('open', 'charged')")
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "payment") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("order_id", .text).unique().references("order", onDelete: .restrict)
                t.column("recipient_id", .text).notNull().references("recipient", onDelete: .restrict)
                t.column("status", .text).notNull()
                t.column("amount_from", .integer).notNull().check { $0 > 0 }
                t.column("currency_from", .text).notNull()
                t.column("amount_to", .integer).notNull().check { $0 > 0 }
                t.column("currency_to", .text).notNull()
                t.column("payment_method", .text).notNull()
                t.column("external_reference", .text)
                t.column("created_at", .text).notNull()
            }
        }
        migrator.registerMigration("seed recipients FWU, ETM, TKU, BHU") { db in
            for recipient in SeedRecipients.all {
                let fields = JSON.array(recipient.fields.map {
                    .object([("id", .string($0.id)), ("label", .string($0.label)), ("required", .bool($0.required))])
                })
                try db.execute(sql: """
                    INSERT INTO recipient (id, name, country, currency, min_amount, max_amount, fields)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [recipient.id, recipient.name, recipient.country, recipient.currency,
                                     recipient.minimumAmount, recipient.maximumAmount, fields.text])
            }
        }
        registerLifecycleMigration(&migrator)
        migrator.registerMigration("seed recipient FLW") { db in
            let recipient = SeedRecipients.lodging
            let fields = JSON.array(recipient.fields.map {
                .object([("id", .string($0.id)), ("label", .string($0.label)), ("required", .bool($0.required))])
            })
            try db.execute(sql: """
                INSERT INTO recipient (id, name, country, currency, min_amount, max_amount, fields) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [recipient.id, recipient.name, recipient.country, recipient.currency,
                                 recipient.minimumAmount, recipient.maximumAmount, fields.text])
        }
        // A session made for an order (the merchant's Create Session page, seed 000): confirming
        // it charges that order, once.
        migrator.registerMigration("session order") { db in
            try db.alter(table: "session") { t in
                t.add(column: "order_id", .text).references("order", onDelete: .restrict)
            }
        }
        return migrator
    }

    func client(id: String) -> ClientRecord? {
        clientsByID[id]
    }

    func client(apiKey: String) -> ClientRecord? {
        clientsByKey[apiKey]
    }

    func recipient(_ id: String) async throws -> RecipientRecord? {
        try await pool.read { db in try RecipientRecord.fetchOne(db, key: id) }
    }

    /// One page of recipients, in id order, and the total count.
    func recipients(page: Int, perPage: Int) async throws -> (recipients: [RecipientRecord], total: Int) {
        try await pool.read { db in
            let total = try RecipientRecord.fetchCount(db)
            let rows = try RecipientRecord.order(Column("id")).limit(perPage, offset: (page - 1) * perPage).fetchAll(db)
            return (rows, total)
        }
    }

    func payment(_ reference: String, of client: ClientRecord) async throws -> PaymentRecord? {
        try await pool.read { db in
            try PaymentRecord.all().owned(reference, by: client).fetchOne(db)
        }
    }
}
