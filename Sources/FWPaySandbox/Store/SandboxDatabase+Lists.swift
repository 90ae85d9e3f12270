import GRDB

/// Paginated lists, always scoped to one client.
extension SandboxDatabase {
    func orders(of client: ClientRecord, recipient: String?, country: String?, status: String?,
                page: Int, perPage: Int) async throws -> ([(OrderRecord, String?)], Int) {
        try await pool.read { db in
            var request = OrderRecord.filter(OrderRecord.Columns.clientID == client.id)
            if let recipient { request = request.filter(Column("recipient_id") == recipient) }
            if let status { request = request.filter(Column("status") == status) }
            if let country {
                // Orders usable with a portal in `country` (seed 000): those of recipients there.
                request = request.filter(sql: "recipient_id IN (SELECT id FROM recipient WHERE country = ?)", arguments: [country])
            }
            let total = try request.fetchCount(db)
            let rows = try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db)
            return (try rows.map { order in
                (order, try String.fetchOne(db, sql: "SELECT id FROM payment WHERE order_id = ?", arguments: [order.id]))
            }, total)
        }
    }

    func refunds(of client: ClientRecord, payment: String?, status: String?, page: Int, perPage: Int) async throws -> ([RefundRecord], Int) {
        try await pool.read { db in
            var request = RefundRecord.filter(RefundRecord.Columns.clientID == client.id)
            if let payment { request = request.filter(RefundRecord.Columns.paymentID == payment) }
            if let status { request = request.filter(RefundRecord.Columns.status == status) }
            let total = try request.fetchCount(db)
            return (try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db), total)
        }
    }

    func refund(_ id: String, of client: ClientRecord) throws -> RefundRecord? {
        try lookup { db in try RefundRecord.fetchOne(db, id: id, ownedBy: client) }
    }

    func bundles(of client: ClientRecord, page: Int, perPage: Int) async throws -> ([(RefundBundleRecord, [RefundRecord])], Int) {
        try await pool.read { db in
            let request = RefundBundleRecord.filter(RefundBundleRecord.Columns.clientID == client.id)
            let total = try request.fetchCount(db)
            let rows = try request.order(Column("rowid").desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db)
            return (try rows.map { ($0, try RefundRecord.filter(RefundRecord.Columns.bundleID == $0.id).fetchAll(db)) }, total)
        }
    }

    func bundle(_ id: String, of client: ClientRecord) async throws -> (RefundBundleRecord, [RefundRecord])? {
        try await pool.read { db in
            guard let bundle = try RefundBundleRecord.fetchOne(db, id: id, ownedBy: client) else { return nil }
            return (bundle, try RefundRecord.filter(RefundRecord.Columns.bundleID == id).fetchAll(db))
        }
    }

    /// Notifications with their delivery attempts, newest first.
    func notifications(of client: ClientRecord, resource: String?, page: Int, perPage: Int)
        async throws -> ([(NotificationRecord, [NotificationAttemptRecord])], Int) {
        try await pool.read { db in
            var request = NotificationRecord.filter(NotificationRecord.Columns.clientID == client.id)
            if let resource { request = request.filter(NotificationRecord.Columns.resourceID == resource) }
            let total = try request.fetchCount(db)
            let rows = try request.order(NotificationRecord.Columns.id.desc).limit(perPage, offset: (page - 1) * perPage).fetchAll(db)
            return (try rows.map { notification in
                (notification, try NotificationAttemptRecord.filter(NotificationAttemptRecord.Columns.notificationID == notification.id)
                    .order(Column("id")).fetchAll(db))
            }, total)
        }
    }
}
