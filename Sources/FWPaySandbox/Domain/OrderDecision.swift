/// What may be done to an order (seed 002): it is edited and charged only while open; once
/// charged, a second charge or an edit is refused with the payment that charged it.
enum OrderDecision {
    /// Refuses an order that was charged (at `source`, `param`), naming its payment.
    static func checkOpen(_ order: OrderRecord, chargedBy payment: PaymentRecord?, source: String, param: String,
                          message: String = "has already been charged as payment") throws {
        guard order.status == .open else {
            throw Problem.invalid(source: source, param: param, type: "invalid_status", "\(message) \(payment?.id ?? "?")")
        }
    }

    /// An order is edited only while no checkout session that charges it is open: the session
    /// was made for what the order held (finding M2).
    static func checkEditable(_ order: OrderRecord, chargedBy payment: PaymentRecord?, openSession: String?) throws {
        try checkOpen(order, chargedBy: payment, source: "/order", param: "id", message: "cannot be edited: it was charged as payment")
        if let openSession {
            throw Problem.invalid(source: "/order", param: "id", type: "invalid_status",
                                  "cannot be edited while checkout session \(openSession) is open for it")
        }
    }
}
