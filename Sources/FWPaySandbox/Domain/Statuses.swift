import GRDB

/// The statuses of every stored resource. Each raw value is exactly what the database's
/// CHECK constraint (or status trigger) of its table allows; StatusTests compares them, so
/// that a status added here without a migration fails there and not in a user's sandbox.

/// Payment statuses (flywire-api.md §4, and `expired` and `pending`, which the real API also
/// has: real-api-evidence.md §2 row 16); how they change is `PaymentLifecycle`.
enum PaymentStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case initiated, pending, authorized, adjusted, processed, guaranteed, delivered, failed, cancelled, reversed, expired
}

/// Refunds: pending (in an unapproved bundle) -> initiated -> received -> finished, or
/// cancelled / returned; the real API also has approved, completed, rejected and failed
/// (real-api-evidence.md §2 row 17), which the sandbox reaches by forced transitions.
enum RefundStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case pending, initiated, approved, received, finished, completed, cancelled, returned, rejected, failed

    /// A payment has at most one refund in these statuses: every status on the way to the
    /// money's arrival (approved included: finding N14).
    static let active: Set<RefundStatus> = [.pending, .initiated, .approved, .received]
    /// Refunds in these statuses gave no money back: they do not count against the payment.
    static let void: Set<RefundStatus> = [.cancelled, .returned, .rejected, .failed]
    /// A refund can be cancelled until it is received.
    static let cancellable: Set<RefundStatus> = [.pending, .initiated]
    /// The statuses a refund notification reports: Flywire's documented ones
    /// (real-api-evidence.md §4 E). A refund waiting in its bundle is not notified.
    static let notified: Set<RefundStatus> = [.initiated, .received, .finished, .cancelled, .returned, .failed]
}

/// A refund bundle is pending until the client approves it.
enum RefundBundleStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case pending, approved
}

/// An order is charged once.
enum OrderStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case open, charged
}

/// A checkout session: open until the payer sends the form, then submitted, then confirmed.
enum SessionStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case open, submitted, confirmed
}

/// A notification waits, is delivered (2xx), or is given up on after its attempts.
/// [S] `listen_only`: made while `fwpay listen --pull` polled for a client with no URL to send
/// it to; it is kept for pulling and never sent.
enum NotificationState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case pending, delivered, failed
    case listenOnly = "listen_only"
}
