import GRDB

/// Paginated lists, always scoped to one client, newest first. A list filtered by what
/// `ListTally` keeps (client, recipient, status) finds its page and total there, in the same
/// time at any size; a list filtered by something few rows share (a payment, a resource, an
/// external reference, a search) counts and skips the rows its index finds.
extension SandboxDatabase {
    func orders(of client: ClientRecord, recipient: String?, country: String?, status: String?,
                page: Int, perPage: Int) async throws -> ([(OrderRecord, String?)], Int) {
        // The recipients whose orders are wanted (nil: any). With `country`, orders usable with a
        // portal there (seed 000): those of recipients in that country.
        var recipients = recipient.map { [$0] }
        if let country {
            let there = recipientList.filter { $0.country == country }.map(\.id)
            recipients = recipients?.filter(there.contains) ?? there
        }
        let wanted = recipients
        return try await pool.read { db in
            var request = OrderRecord.filter(OrderRecord.Columns.clientID == client.id)
            if let status { request = request.filter(Column("status") == status) }
            if let recipients = wanted {
                // Several recipients: walk the client's orders in rowid order and keep theirs (the
                // unary + keeps SQLite from gathering and sorting every order of each instead).
                request = recipients.count == 1 ? request.filter(Column("recipient_id") == recipients[0])
                    : request.filter(sql: "+recipient_id IN (\(databaseQuestionMarks(count: recipients.count)))",
                                     arguments: StatementArguments(recipients))
            }
            let seek = try ListTally.seek(db, ListTally.orders, clientID: client.id, recipients: wanted, status: status,
                                          page: page, perPage: perPage)
            let orders = try Self.rows(db, request, seek, perPage: perPage)
            let payments = try Self.grouped(db, PaymentRecord.self, by: "order_id", orders.map(\.id)) { $0.orderID }
            return (orders.map { ($0, payments[$0.id]?.first?.id) }, seek.total)
        }
    }

    func refunds(of client: ClientRecord, payment: String?, status: String?, page: Int, perPage: Int) async throws -> ([RefundRecord], Int) {
        try await pool.read { db in
            var request = RefundRecord.filter(RefundRecord.Columns.clientID == client.id)
            if let status { request = request.filter(RefundRecord.Columns.status == status) }
            if let payment {
                return try Self.counted(db, request.filter(RefundRecord.Columns.paymentID == payment), page: page, perPage: perPage)
            }
            let seek = try ListTally.seek(db, ListTally.refunds, clientID: client.id, recipients: nil, status: status, page: page, perPage: perPage)
            return (try Self.rows(db, request, seek, perPage: perPage), seek.total)
        }
    }

    func refund(_ id: String, of client: ClientRecord) throws -> RefundRecord? {
        try lookup { db in try RefundRecord.fetchOne(db, id: id, ownedBy: client) }
    }

    func bundles(of client: ClientRecord, page: Int, perPage: Int) async throws -> ([(RefundBundleRecord, [RefundRecord])], Int) {
        try await pool.read { db in
            let request = RefundBundleRecord.filter(RefundBundleRecord.Columns.clientID == client.id)
            let seek = try ListTally.seek(db, ListTally.bundles, clientID: client.id, recipients: nil, status: nil, page: page, perPage: perPage)
            let bundles = try Self.rows(db, request, seek, perPage: perPage)
            let refunds = try Self.grouped(db, RefundRecord.self, by: "bundle_id", bundles.map(\.id)) { $0.bundleID }
            return (bundles.map { ($0, refunds[$0.id] ?? []) }, seek.total)
        }
    }

    func bundle(_ id: String, of client: ClientRecord) async throws -> (RefundBundleRecord, [RefundRecord])? {
        try await pool.read { db in
            guard let bundle = try RefundBundleRecord.fetchOne(db, id: id, ownedBy: client) else { return nil }
            return (bundle, try RefundRecord.filter(RefundRecord.Columns.bundleID == id).order(Column("rowid")).fetchAll(db))
        }
    }

    /// Notifications with their delivery attempts, newest first.
    func notifications(of client: ClientRecord, resource: String?, page: Int, perPage: Int)
        async throws -> ([(NotificationRecord, [NotificationAttemptRecord])], Int) {
        try await pool.read { db in
            let request = NotificationRecord.filter(NotificationRecord.Columns.clientID == client.id)
            let (notifications, total): ([NotificationRecord], Int)
            if let resource {
                (notifications, total) = try Self.counted(db, request.filter(NotificationRecord.Columns.resourceID == resource),
                                                          page: page, perPage: perPage)
            } else {
                let seek = try ListTally.seek(db, ListTally.notifications, clientID: client.id, recipients: nil, status: nil,
                                              page: page, perPage: perPage)
                (notifications, total) = (try Self.rows(db, request, seek, perPage: perPage), seek.total)
            }
            let attempts = try Self.grouped(db, NotificationAttemptRecord.self, by: "notification_id", notifications.compactMap(\.id)) { $0.notificationID }
            return (notifications.map { notification in (notification, notification.id.flatMap { attempts[$0] } ?? []) }, total)
        }
    }

    /// The page `seek` found of `request`'s rows, newest first.
    static func rows<Record: FetchableRecord>(_ db: Database, _ request: QueryInterfaceRequest<Record>, _ seek: ListTally.Seek,
                                              perPage: Int) throws -> [Record] {
        guard seek.before > 0 else { return [] }
        return try request.filter(sql: "rowid < ?", arguments: [seek.before]).order(Column("rowid").desc)
            .limit(perPage, offset: seek.skip).fetchAll(db)
    }

    /// A page of `request`'s rows, newest first, and how many there are, by counting: for
    /// filters few rows share, whose index finds them all at once.
    static func counted<Record: FetchableRecord>(_ db: Database, _ request: QueryInterfaceRequest<Record>, page: Int,
                                                 perPage: Int) throws -> ([Record], Int) {
        let total = try request.fetchCount(db)
        return (try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db), total)
    }

    /// The rows of `Record`'s table whose `column` (read by `key`) is one of `keys`, by key, in
    /// rowid order: one query for a page's worth of parents instead of one per parent.
    static func grouped<Record: FetchableRecord & TableRecord, Key: DatabaseValueConvertible & Hashable>(
        _ db: Database, _ type: Record.Type, by column: String, _ keys: [Key], key: (Record) -> Key?) throws -> [Key: [Record]] {
        guard !keys.isEmpty else { return [:] }
        var grouped: [Key: [Record]] = [:]
        for record in try Record.filter(keys.contains(Column(column))).order(Column("rowid")).fetchAll(db) {
            if let parent = key(record) { grouped[parent, default: []].append(record) }
        }
        return grouped
    }
}
