import Foundation
import GRDB
import Synchronization

/// The receivers each client's `fwpay listen` registered: the newest one still listening stands
/// in for the client's static notifications URL (sandbox-only, like `stripe listen`).
///
/// Registrations stack (finding N11): a second `fwpay listen` takes over, and when it stops (it
/// removes its own registration) the first gets the notifications back. A registration whose
/// loopback port refuses connections (its `fwpay listen` was killed) is dropped when next
/// looked at, so the notifications go to the one before, or the client's own URL.
final class ClientListeners: Sendable {
    private let stacks = Mutex<[String: [String]]>([:])
    /// Registrations kept per client; past it the oldest goes.
    static let maximumPerClient = 16
    /// Until when (seconds of uptime) each client counts as pulled from by `fwpay listen
    /// --pull`: a poll marks it for its wait and `pullGrace` more, so that what happens
    /// between two polls is kept for the next.
    private let pulledUntil = Mutex<[String: Double]>([:])
    static let pullGrace = 60.0

    func notePull(of clientID: String, waiting seconds: Double) {
        let until = ProcessInfo.processInfo.systemUptime + seconds + Self.pullGrace
        pulledUntil.withLock { $0[clientID] = max($0[clientID] ?? 0, until) }
    }

    func isPulled(_ clientID: String) -> Bool {
        pulledUntil.withLock { ($0[clientID] ?? 0) > ProcessInfo.processInfo.systemUptime }
    }

    /// The newest registration that still listens, or nil.
    func url(of clientID: String) -> String? {
        let registered = stacks.withLock { $0[clientID] ?? [] }
        let gone = registered.filter { !Self.isListening($0) }
        if !gone.isEmpty { stacks.withLock { $0[clientID]?.removeAll(where: gone.contains) } }
        return registered.last(where: { !gone.contains($0) })
    }

    func register(_ url: String, of clientID: String) {
        stacks.withLock { stacks in
            var stack = stacks[clientID] ?? []
            stack.removeAll { $0 == url }
            stack.append(url)
            stacks[clientID] = Array(stack.suffix(Self.maximumPerClient))
        }
    }

    /// Removes `url`'s registration, or every one of the client's when `url` is nil.
    func unregister(_ url: String?, of clientID: String) {
        stacks.withLock { stacks in
            if let url { stacks[clientID]?.removeAll { $0 == url } } else { stacks[clientID] = nil }
        }
    }

    /// Whether something accepts connections at a loopback URL's port. Other URLs are taken as
    /// listening: only a loopback refusal is certain and immediate.
    static func isListening(_ url: String) -> Bool {
        guard let parsed = URLComponents(string: url), let host = parsed.host,
              host == "127.0.0.1" || host == "localhost" else { return true }
        let port = parsed.port ?? (parsed.scheme == "https" ? 443 : 80)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return true }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0 || errno != ECONNREFUSED
    }
}

/// What the control API offers integrators besides the clock and faults (sandbox-only): a
/// reset of one client's data, and resending a notification.
extension SandboxDatabase {
    /// How many rows of each kind a reset removed.
    struct ResetCounts: Sendable {
        var orders = 0, payments = 0, sessions = 0, refunds = 0, bundles = 0, notifications = 0
    }

    /// Deletes everything of `client` (orders, payments and their history, sessions, saved
    /// cards, refunds, bundles, notifications, scheduled changes, idempotency keys) and puts its
    /// clock back to real time, in one transaction; other clients' data and this client's
    /// settings stay.
    func reset(_ client: ClientRecord) async throws -> ResetCounts {
        let counts = try await write { db in
            var counts = ResetCounts()
            func delete(_ table: String) throws -> Int {
                try db.execute(sql: "DELETE FROM \"\(table)\" WHERE client_id = ?", arguments: [client.id])
                return db.changesCount
            }
            _ = try delete("scheduled_transition")
            counts.notifications = try delete("notification")
            counts.refunds = try delete("refund")
            counts.bundles = try delete("refund_bundle")
            // Payments point at their order and session; sessions at their order.
            counts.payments = try delete("payment")
            counts.sessions = try delete("session")
            counts.orders = try delete("order")
            _ = try delete("payment_method_token")
            _ = try delete("idempotency_key")
            try Self.storeClockOffset(db, 0, of: client)
            return counts
        }
        clock(of: client.id).returnToRealTime()
        return counts
    }

    /// Queues a copy of notification `id` of `client` (the same body and digest, to the same
    /// URL) for delivery now; nil when the client has no such notification.
    func resendNotification(_ id: Int64, of client: ClientRecord) async throws -> NotificationRecord? {
        try await write { db in
            guard let original = try NotificationRecord.fetchOne(db, key: id), original.clientID == client.id else { return nil }
            let clock = self.clock(of: client.id)
            let now = clock.now()
            var copy = NotificationRecord(clientID: client.id, resource: original.resource, resourceID: original.resourceID,
                                          eventType: original.eventType, url: original.url, body: original.body,
                                          state: original.url.isEmpty ? .listenOnly : .pending,
                                          attempts: 0, nextAttemptAt: now, createdAt: clock.timestamp(now))
            try copy.insert(db)
            return copy
        }
    }
}
