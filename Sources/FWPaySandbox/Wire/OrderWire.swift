/// Orders as the API answers them.
enum OrderWire {
    /// The order: id and created_at first, then the stored body, then its status (and the
    /// payment that charged it).
    static func order(_ order: OrderRecord, paymentReference: String?) -> JSON {
        var members: [(String, JSON)] = [("id", .string(order.id)), ("created_at", .string(order.createdAt))]
        // The server's own members come from the record, never from what the client sent: an
        // answer never holds a member twice (finding M3).
        members += (order.body.members ?? []).filter { !serverMembers.contains($0.0) }
        members.append(("status", .string(order.status.rawValue)))
        if let paymentReference { members.append(("payment_reference", .string(paymentReference))) }
        return .object(members)
    }

    static let serverMembers: Set<String> = ["id", "created_at", "status", "payment_reference"]
}
