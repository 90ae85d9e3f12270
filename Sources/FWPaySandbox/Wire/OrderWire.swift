/// Orders as the API answers them.
enum OrderWire {
    /// The order: id and created_at first, then the stored body, then its status (and the
    /// payment that charged it).
    static func order(_ order: OrderRecord, paymentReference: String?) -> JSON {
        var members: [(String, JSON)] = [("id", .string(order.id)), ("created_at", .string(order.createdAt))]
        members += (order.body.members ?? []).filter { $0.0 != "id" && $0.0 != "created_at" }
        members.append(("status", .string(order.status.rawValue)))
        if let paymentReference { members.append(("payment_reference", .string(paymentReference))) }
        return .object(members)
    }
}
