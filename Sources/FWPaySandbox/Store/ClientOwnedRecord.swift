import GRDB

/// A record that belongs to one API client (a `client_id` column) and is found by its `id`:
/// orders, payments, sessions, refunds, refund bundles. Another client's record is never found.
protocol ClientOwnedRecord: FetchableRecord, TableRecord {}

extension ClientOwnedRecord {
    /// The record `id` if it belongs to `client`. The statement is prepared once per connection
    /// and reused: preparing it for every request (GRDB's query interface does) was most of the
    /// database time of a payment read (bench/NOTES.md).
    static func fetchOne(_ db: Database, id: String, ownedBy client: ClientRecord) throws -> Self? {
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) WHERE id = ? AND client_id = ?")
        return try fetchOne(statement, arguments: [id, client.id])
    }
}

extension OrderRecord: ClientOwnedRecord {}
extension PaymentRecord: ClientOwnedRecord {}
extension SessionRecord: ClientOwnedRecord {}
extension RefundRecord: ClientOwnedRecord {}
extension RefundBundleRecord: ClientOwnedRecord {}
