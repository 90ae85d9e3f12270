import GRDB

/// The sandbox's tables, as a history of migrations.
enum SandboxSchema {
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
        // Payments and refunds had no CHECK on their statuses; triggers give them one (SQLite
        // cannot add a CHECK to a column). StatusTests holds these lists to the enums.
        migrator.registerMigration("status checks for payments and refunds") { db in
            let payment = "'initiated', 'authorized', 'adjusted', 'processed', 'guaranteed', 'delivered', 'failed', 'cancelled', 'reversed'"
            let refund = "'pending', 'initiated', 'received', 'finished', 'cancelled', 'returned'"
            for (table, statuses) in [("payment", payment), ("refund", refund)] {
                for event in ["INSERT", "UPDATE OF status"] {
                    let name = "\(table)_status_check_\(event == "INSERT" ? "insert" : "update")"
                    try db.execute(sql: """
                        CREATE TRIGGER \(name) BEFORE \(event) ON "\(table)"
                        WHEN NEW.status NOT IN (\(statuses))
                        BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: \(table) status'); END
                        """)
                }
            }
        }
        // What the real API carries and the sandbox did not (real-api-evidence.md §2): the
        // recipients' external code and state, a payment's recipient fields and metadata, the
        // currency a saved card's mandate charges in, and the statuses the real API adds.
        migrator.registerMigration("real API members and statuses") { db in
            try db.alter(table: "recipient") { t in
                t.add(column: "external_code", .text)
                t.add(column: "state", .text)
            }
            for (id, code, state) in [("FWU", "flywire-university", "MA"), ("ETM", "escuela-tecnica-madrid", "MD"),
                                      ("TKU", "tokyo-kokusai-university", "13"), ("BHU", "bahrain-university-technology", nil),
                                      ("FLW", "flywire-hotels-london", "LND")] {
                try db.execute(sql: "UPDATE recipient SET external_code = ?, state = ? WHERE id = ?", arguments: [code, state, id])
            }
            try db.alter(table: "payment") { t in
                t.add(column: "fields", .text)
                t.add(column: "metadata", .text)
            }
            try db.alter(table: "payment_method_token") { t in t.add(column: "currency", .text) }
            let payment = "'initiated', 'pending', 'authorized', 'adjusted', 'processed', 'guaranteed', 'delivered', 'failed', 'cancelled', 'reversed', 'expired'"
            let refund = "'pending', 'initiated', 'approved', 'received', 'finished', 'completed', 'cancelled', 'returned', 'rejected', 'failed'"
            for (table, statuses) in [("payment", payment), ("refund", refund)] {
                for (suffix, event) in [("insert", "INSERT"), ("update", "UPDATE OF status")] {
                    try db.execute(sql: "DROP TRIGGER \(table)_status_check_\(suffix)")
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_status_check_\(suffix) BEFORE \(event) ON "\(table)"
                        WHEN NEW.status NOT IN (\(statuses))
                        BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: \(table) status'); END
                        """)
                }
            }
        }
        registerListMigration(&migrator)
        // A saved card keeps its payer, so that its token charges carry them (real-api-evidence.md §4 B).
        migrator.registerMigration("saved cards keep their payer") { db in
            try db.alter(table: "payment_method_token") { t in t.add(column: "payer", .text) }
        }
        registerPullMigration(&migrator)
        return migrator
    }

    static func registerPullMigration(_ migrator: inout DatabaseMigrator) {
        // [S] Notifications kept for `fwpay listen --pull` (state listen_only). SQLite cannot
        // change a CHECK: the table is made again, as sqlite.org/lang_altertable.html says
        // (section 7), with its indexes and its tally's triggers; its rows and ids stay.
        migrator.registerMigration("notifications kept for pulling") { db in
            try db.execute(sql: """
                CREATE TABLE new_notification (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    client_id TEXT NOT NULL REFERENCES client(id) ON DELETE RESTRICT,
                    resource TEXT NOT NULL, resource_id TEXT NOT NULL, event_type TEXT NOT NULL, url TEXT NOT NULL,
                    body TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'listen_only')),
                    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at DOUBLE NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO new_notification (id, client_id, resource, resource_id, event_type, url, body, state, attempts,
                                              next_attempt_at, created_at)
                    SELECT id, client_id, resource, resource_id, event_type, url, body, state, attempts, next_attempt_at, created_at
                    FROM notification;
                DROP TABLE notification;
                ALTER TABLE new_notification RENAME TO notification;
                CREATE INDEX notification_on_client_id ON notification (client_id);
                CREATE INDEX notification_on_resource_id ON notification (resource_id);
                CREATE INDEX notification_on_next_attempt_at ON notification (next_attempt_at);
                CREATE INDEX notification_pending ON notification (client_id, next_attempt_at) WHERE state = 'pending';
                DELETE FROM list_tally WHERE list = 'notification';
                """)
            for statement in ListTally.schema(of: ListTally.notifications) { try db.execute(sql: statement) }
        }
    }

    /// Lists at any size (issue 21): the tally behind their pages and totals (ListTally), an
    /// index for each filter, a trigram index for the dashboard's search, and indexes for what
    /// writes look up (the notifications still to deliver, read every second by client; a
    /// client's pending bundle; an order's sessions).
    static func registerListMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("list tallies, filter indexes, payment search") { db in
            try db.execute(sql: """
                CREATE TABLE list_tally (
                    list TEXT NOT NULL, client_id TEXT NOT NULL, recipient_id TEXT NOT NULL, status TEXT NOT NULL,
                    block INTEGER NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (list, client_id, recipient_id, status, block)) WITHOUT ROWID
                """)
            for list in ListTally.all {
                for statement in ListTally.schema(of: list) { try db.execute(sql: statement) }
            }
            for (table, columns) in [("payment", ["client_id", "recipient_id"]), ("payment", ["client_id", "status"]),
                                     ("payment", ["client_id", "recipient_id", "status"]), ("payment", ["client_id", "external_reference"]),
                                     ("order", ["client_id", "recipient_id"]), ("order", ["client_id", "status"]),
                                     ("order", ["client_id", "recipient_id", "status"]),
                                     ("refund", ["client_id", "status"]), ("refund", ["bundle_id"]),
                                     ("refund_bundle", ["client_id", "status"]), ("session", ["order_id"])] {
                try db.create(index: "\(table)_by_\(columns.joined(separator: "_"))", on: table, columns: columns)
            }
            try db.execute(sql: """
                CREATE INDEX notification_pending ON notification (client_id, next_attempt_at) WHERE state = 'pending';
                CREATE VIRTUAL TABLE payment_search USING fts5(id, external_reference, content = 'payment', tokenize = 'trigram');
                INSERT INTO payment_search (rowid, id, external_reference) SELECT rowid, id, external_reference FROM payment;
                CREATE TRIGGER payment_search_insert AFTER INSERT ON payment BEGIN
                    INSERT INTO payment_search (rowid, id, external_reference) VALUES (NEW.rowid, NEW.id, NEW.external_reference);
                END;
                CREATE TRIGGER payment_search_delete AFTER DELETE ON payment BEGIN
                    INSERT INTO payment_search (payment_search, rowid, id, external_reference)
                    VALUES ('delete', OLD.rowid, OLD.id, OLD.external_reference);
                END;
                CREATE TRIGGER payment_search_update AFTER UPDATE OF id, external_reference ON payment BEGIN
                    INSERT INTO payment_search (payment_search, rowid, id, external_reference)
                    VALUES ('delete', OLD.rowid, OLD.id, OLD.external_reference);
                    INSERT INTO payment_search (rowid, id, external_reference) VALUES (NEW.rowid, NEW.id, NEW.external_reference);
                END;
                """)
        }
    }

    /// The second migration: everything past orders (issue 3). Columns added to `payment`
    /// keep the first migration untouched, as history.
    static func registerLifecycleMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("sessions, lifecycle, refunds, notifications, idempotency, clock") { db in
            try db.create(table: "sandbox_state") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("type", .text).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('open', 'submitted', 'confirmed')")
                t.column("recipient_id", .text).notNull().references("recipient", onDelete: .restrict)
                t.column("body", .text).notNull()
                t.column("amount", .integer).notNull().check { $0 >= 0 }
                t.column("currency", .text).notNull()
                t.column("expires_at", .double).notNull()
                t.column("form", .text)
                t.column("payment_id", .text).unique()
                t.column("created_at", .text).notNull()
            }
            try db.alter(table: "payment") { t in
                t.add(column: "kind", .text).notNull().defaults(to: "order")
                t.add(column: "session_id", .text).references("session", onDelete: .restrict)
                t.add(column: "payer", .text)
                t.add(column: "notifications_url", .text)
                t.add(column: "capture", .text).notNull().defaults(to: "automatic")
                t.add(column: "authorization", .text)
                t.add(column: "held_amount", .integer)
                t.add(column: "captured_amount", .integer)
                t.add(column: "hold_expires_at", .double)
                t.add(column: "reason", .text)
                t.add(column: "reason_code", .text)
                t.add(column: "token", .text)
                t.add(column: "mandate_id", .text)
                t.add(column: "payor_id", .text)
                t.add(column: "card", .text)
                t.add(column: "updated_at", .text)
            }
            try db.create(table: "payment_status") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("payment_id", .text).notNull().indexed().references("payment", onDelete: .cascade)
                t.column("status", .text).notNull()
                t.column("at", .text).notNull()
                t.column("note", .text)
            }
            try db.create(table: "scheduled_transition") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("resource", .text).notNull().check(sql: "resource IN ('payment', 'refund')")
                t.column("resource_id", .text).notNull().indexed()
                t.column("due_at", .double).notNull().indexed()
                t.column("to_status", .text).notNull()
                t.column("only_from", .text).notNull()
                t.column("reason", .text)
            }
            try db.create(table: "payment_method_token") { t in
                t.primaryKey("token", .text)
                t.column("client_id", .text).notNull().references("client", onDelete: .restrict)
                t.column("recipient_id", .text).notNull()
                t.column("payor_id", .text)
                t.column("mandate_id", .text).notNull().unique()
                t.column("card", .text).notNull()
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "refund_bundle") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("status", .text).notNull().check(sql: "status IN ('pending', 'approved')")
                t.column("created_at", .text).notNull()
                t.column("approved_at", .text)
            }
            try db.create(table: "refund") { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("payment_id", .text).notNull().indexed().references("payment", onDelete: .restrict)
                t.column("bundle_id", .text).notNull().references("refund_bundle", onDelete: .restrict)
                t.column("status", .text).notNull()
                t.column("amount", .integer).notNull().check { $0 > 0 }
                t.column("currency", .text).notNull()
                t.column("amount_to", .integer).notNull()
                t.column("currency_to", .text).notNull()
                t.column("recipient_id", .text).notNull()
                t.column("external_reference", .text)
                t.column("notifications_url", .text)
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "notification") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("client_id", .text).notNull().indexed().references("client", onDelete: .restrict)
                t.column("resource", .text).notNull()
                t.column("resource_id", .text).notNull().indexed()
                t.column("event_type", .text).notNull()
                t.column("url", .text).notNull()
                t.column("body", .text).notNull()
                t.column("state", .text).notNull().check(sql: "state IN ('pending', 'delivered', 'failed')")
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .double).notNull().indexed()
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "notification_attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("notification_id", .integer).notNull().indexed().references("notification", onDelete: .cascade)
                t.column("attempt", .integer).notNull()
                t.column("at", .text).notNull()
                t.column("status_code", .integer)
                t.column("error", .text)
            }
            try db.create(table: "idempotency_key") { t in
                t.column("client_id", .text).notNull().references("client", onDelete: .restrict)
                t.column("key", .text).notNull()
                t.column("method", .text).notNull()
                t.column("path", .text).notNull()
                t.column("body_hash", .text).notNull()
                t.column("status_code", .integer)
                t.column("response", .text)
                t.column("created_at", .double).notNull()
                t.primaryKey(["client_id", "key"])
            }
        }
        // Each client has its own test clock: a scheduled change falls due on its client's.
        migrator.registerMigration("scheduled transitions by client") { db in
            try db.alter(table: "scheduled_transition") { t in
                t.add(column: "client_id", .text).notNull().defaults(to: "")
            }
            try db.execute(sql: """
                UPDATE scheduled_transition SET client_id = coalesce(
                    CASE resource WHEN 'payment' THEN (SELECT client_id FROM payment WHERE id = resource_id)
                                  ELSE (SELECT client_id FROM refund WHERE id = resource_id) END, '')
                """)
            try db.create(index: "scheduled_transition_due_by_client", on: "scheduled_transition", columns: ["client_id", "due_at"])
        }
    }
}
