import GRDB

/// How the lists stay as fast at a million rows as at a thousand, with an exact
/// `total_entries` (issue 21).
///
/// Counting a list's rows (`COUNT(*)`) and skipping to its page (`OFFSET`) both read every row
/// they pass. Instead, `list_tally` holds how many rows of each list there are per client,
/// recipient and status, in blocks of 4,096 rowids (`rowid >> 12`), and triggers keep it in the
/// same transaction as the rows (so it is never stale, whoever writes). A page is then found by
/// adding up at most one number per block to reach the block where the page starts, and
/// seeking there by rowid: at most 4,095 rows are skipped, whatever the list's length.
/// `''` in `recipient_id` or `status` stands for "any", so that every supported filter is one
/// range of the table's primary key.
enum ListTally {
    static let blockShift = 12

    /// A list the tally keeps: its table, and the columns it can be filtered by.
    struct List: Sendable {
        let name: String
        let table: String
        let recipientColumn: String?
        let statusColumn: String?
    }

    static let payments = List(name: "payment", table: "payment", recipientColumn: "recipient_id", statusColumn: "status")
    static let orders = List(name: "order", table: "order", recipientColumn: "recipient_id", statusColumn: "status")
    static let refunds = List(name: "refund", table: "refund", recipientColumn: nil, statusColumn: "status")
    static let bundles = List(name: "bundle", table: "refund_bundle", recipientColumn: nil, statusColumn: nil)
    static let notifications = List(name: "notification", table: "notification", recipientColumn: nil, statusColumn: nil)
    static let all = [payments, orders, refunds, bundles, notifications]

    /// Where page `page` of a list starts: rows with a rowid below `before`, after skipping
    /// `skip` of them; and how many rows the list has.
    struct Seek {
        let total: Int
        let before: Int64
        let skip: Int
    }

    /// The seek of page `page` (from 1) of `perPage` rows of `list`, newest first, for
    /// `clientID`'s rows of one of `recipients` (nil: any) and of `status` (nil: any). The
    /// total alone when the page is past the end (`before` is then 0).
    static func seek(_ db: Database, _ list: List, clientID: String, recipients: [String]?, status: String?,
                     page: Int, perPage: Int) throws -> Seek {
        let recipients = recipients ?? [""]
        guard !recipients.isEmpty else { return Seek(total: 0, before: 0, skip: 0) }
        let blocks = try Row.fetchAll(db, sql: """
            SELECT block, sum(n) FROM list_tally
            WHERE list = ? AND client_id = ? AND recipient_id IN (\(databaseQuestionMarks(count: recipients.count))) AND status = ?
            GROUP BY block ORDER BY block DESC
            """, arguments: StatementArguments([list.name, clientID] + recipients + [status ?? ""]))
        let counts = blocks.map { (block: $0[0] as Int64, count: $0[1] as Int) }
        let total = counts.reduce(0) { $0 + $1.count }
        var skip = (page - 1) * perPage
        for (block, count) in counts {
            if skip < count { return Seek(total: total, before: (block + 1) << blockShift, skip: skip) }
            skip -= count
        }
        return Seek(total: total, before: 0, skip: 0)
    }

    /// The triggers that keep `list`'s tally, and the statements that count its rows so far.
    static func schema(of list: List) -> [String] {
        let table = list.table.quotedDatabaseIdentifier
        let trigger = "list_tally_\(list.name)"
        let watched = [list.recipientColumn, list.statusColumn].compactMap { $0 }
        func keys(_ row: String) -> [(recipient: String, status: String)] {
            let recipients = ["''"] + (list.recipientColumn.map { ["\(row).\($0)"] } ?? [])
            let statuses = ["''"] + (list.statusColumn.map { ["\(row).\($0)"] } ?? [])
            return recipients.flatMap { recipient in statuses.map { (recipient, $0) } }
        }
        func add(_ row: String) -> String {
            keys(row).map { key in
                """
                INSERT INTO list_tally (list, client_id, recipient_id, status, block, n)
                VALUES ('\(list.name)', \(row).client_id, \(key.recipient), \(key.status), \(row).rowid >> \(blockShift), 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
                """
            }.joined(separator: "\n")
        }
        func remove(_ row: String) -> String {
            keys(row).map { key in
                """
                UPDATE list_tally SET n = n - 1 WHERE list = '\(list.name)' AND client_id = \(row).client_id
                AND recipient_id = \(key.recipient) AND status = \(key.status) AND block = \(row).rowid >> \(blockShift);
                """
            }.joined(separator: "\n")
        }
        var statements = [
            "CREATE TRIGGER \(trigger)_insert AFTER INSERT ON \(table) BEGIN\n\(add("NEW"))\nEND",
            "CREATE TRIGGER \(trigger)_delete AFTER DELETE ON \(table) BEGIN\n\(remove("OLD"))\nEND",
        ]
        if !watched.isEmpty {
            let changed = watched.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
            statements.append("""
                CREATE TRIGGER \(trigger)_update AFTER UPDATE OF \(watched.joined(separator: ", ")) ON \(table)
                WHEN \(changed) BEGIN\n\(remove("OLD"))\n\(add("NEW"))\nEND
                """)
        }
        for key in keys("t") {
            let groups = ["client_id", "block"] + [key.recipient, key.status].filter { $0 != "''" }
            statements.append("""
                INSERT INTO list_tally (list, client_id, recipient_id, status, block, n)
                SELECT '\(list.name)', client_id, \(key.recipient), \(key.status), rowid >> \(blockShift) AS block, count(*)
                FROM \(table) AS t GROUP BY \(groups.joined(separator: ", "))
                """)
        }
        return statements
    }
}
