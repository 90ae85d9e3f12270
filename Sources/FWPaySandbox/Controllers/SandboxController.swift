import Hummingbird

/// The control API (not part of Flywire's): /sandbox/clock, /sandbox/payments/{ref}/transition,
/// /sandbox/notifications (and their resend), /sandbox/faults, /sandbox/requests,
/// /sandbox/reset, /sandbox/listener. Behind the API key like the API, so that one client's
/// tests only ever see and change their own data, clock included.
struct SandboxController {
    let database: SandboxDatabase
    let faults: FaultInjector
    let requestLog: RequestLog

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get("clock", use: clock)
            .post("clock/advance", use: advanceClock)
            .post("payments/:reference/transition", use: transition)
            .get("notifications", use: notifications)
            .get("notifications/poll", use: poll)
            .get("settings", use: settings)
            .post("settings", use: changeSettings)
            .post("refunds/:id/transition", use: refundTransition)
            .get("faults", use: listFaults)
            .post("faults", use: addFault)
            .delete("faults", use: clearFaults)
            .get("requests", use: requests)
            .post("reset", use: reset)
            .post("notifications/:id/resend", use: resend)
            .get("listener", use: listener)
            .post("listener", use: register)
            .delete("listener", use: unregister)
    }

    /// This client's last requests, newest first (`?request_id=req_...` for one, `?limit=`).
    func requests(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let given = request.query("limit")
        guard let limit = given == nil ? requestLog.capacity : given.flatMap({ Int($0) }), (1...requestLog.capacity).contains(limit) else {
            throw Problem.invalid(source: "/limit", param: "limit", "must be 1 to \(requestLog.capacity)")
        }
        let id = request.query("request_id").map { String($0.prefix(64)) }
        return .json(.object([("requests", .array(requestLog.entries(clientID: client.id, requestID: id, limit: limit).map(\.json)))]))
    }

    /// Deletes this client's orders, payments, sessions, saved cards, refunds, bundles,
    /// notifications and idempotency keys, its faults and its request log, and puts its clock
    /// back to real time.
    func reset(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let counts = try await database.reset(client)
        faults.clear(clientID: client.id)
        requestLog.clear(clientID: client.id)
        return .json(.object([("deleted", .object([
            ("orders", .integer(Int64(counts.orders))), ("payments", .integer(Int64(counts.payments))),
            ("sessions", .integer(Int64(counts.sessions))), ("refunds", .integer(Int64(counts.refunds))),
            ("refund_bundles", .integer(Int64(counts.bundles))), ("notifications", .integer(Int64(counts.notifications))),
        ]))]))
    }

    /// Queues a notification again, now: the same body and digest to the same URL.
    func resend(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        guard let id = Int64(try context.parameters.require("id")),
              let copy = try await database.resendNotification(id, of: client) else {
            throw Problem.notFound("This client has no such notification")
        }
        return .json(NotificationWire.entry(copy, attempts: [], secret: client.sharedSecret),
                     status: .created)
    }

    func listener(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        .json(.object([("url", database.listeners.url(of: try context.requireClient().id).map(JSON.string) ?? .null)]))
    }

    /// `{"url": "http://127.0.0.1:PORT/"}`: notifications that would go to this client's
    /// static URL go there instead, until DELETE /sandbox/listener?url=... (what `fwpay listen`
    /// does), or until nothing listens there any more; registrations stack (ClientListeners).
    func register(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        guard let url = body["url"]?.string, url.utf8.count <= 2_048,
              url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw Problem.invalid(source: "/url", param: "url", "must be an http:// or https:// URL of at most 2048 bytes")
        }
        database.listeners.register(url, of: client.id)
        return try await listener(request, context: context)
    }

    /// `?url=U` removes that registration only (the previous one takes over); without it, all.
    func unregister(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        database.listeners.unregister(request.query("url"), of: try context.requireClient().id)
        return try await listener(request, context: context)
    }

    /// The calling client's clock (each client has its own).
    func clock(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        .json(Self.clockState(database.clock(of: try context.requireClient().id)))
    }

    private static func clockState(_ clock: SandboxClock, transitions: Int? = nil) -> JSON {
        .object([("now", .string(clock.isoTimestamp())), ("offset_seconds", .real(clock.currentOffset))]
                + (transitions.map { [("transitions", .integer(Int64($0)))] } ?? []))
    }

    /// `{"seconds": n}`, `{"hours": n}` or `{"days": n}`: moves the clock forward and makes
    /// every change that falls due.
    func advanceClock(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        var seconds = 0.0
        for (unit, factor) in [("seconds", 1.0), ("minutes", 60.0), ("hours", 3_600.0), ("days", 86_400.0)] {
            switch body[unit] {
            case .integer(let value)?: seconds += Double(value) * factor
            case .real(let value)?: seconds += value * factor
            case nil: continue
            default: throw Problem.invalid(source: "/\(unit)", param: unit, "must be a number")
            }
        }
        guard seconds > 0, seconds <= 400 * 86_400 else {
            throw Problem.invalid(source: "/seconds", param: "seconds", "give seconds, minutes, hours or days: more than 0, at most 400 days")
        }
        let client = try context.requireClient()
        let made = try await database.advanceClock(by: seconds, of: client)
        return .json(Self.clockState(database.clock(of: client.id), transitions: made))
    }

    /// `{"status": "...", "reason": "..."}`: a change the lifecycle allows, made now.
    func transition(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let reference = try context.parameters.require("reference")
        let body = try await request.jsonObject(context: context)
        guard let name = body["status"]?.string, let status = PaymentStatus(rawValue: name) else {
            throw Problem.invalid(source: "/status", param: "status",
                                  "must be one of \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let payment = try await database.forceTransition(reference, to: status, reason: body["reason"]?.string, of: client)
        return .json(PaymentWire.details(payment))
    }

    /// This client's settings [S]: `notification_format` (v2, v2_without_status or classic).
    func settings(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        .json(.object([("notification_format", .string(database.notificationFormat(of: try context.requireClient().id).rawValue))]))
    }

    func changeSettings(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        if let given = body["notification_format"] {
            guard let format = given.string.flatMap(NotificationWire.Format.init(rawValue:)) else {
                throw Problem.invalid(source: "/notification_format", param: "notification_format",
                                      "must be one of \(NotificationWire.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await database.setNotificationFormat(format, of: client)
        }
        return try await settings(request, context: context)
    }

    /// `{"status": "..."}`: a refund change the refund lifecycle allows, made now (the real
    /// API's approved, completed, rejected and failed are reached this way).
    func refundTransition(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        guard let status = body["status"]?.string.flatMap(RefundStatus.init(rawValue:)) else {
            throw Problem.invalid(source: "/status", param: "status", "must be one of \(RefundStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return .json(RefundWire.refund(try await database.forceRefund(try context.parameters.require("id"), to: status, of: client)))
    }

    /// Every notification of this client, newest first, with each delivery attempt.
    func notifications(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let pagination = try Pagination(request)
        let (rows, total) = try await database.notifications(of: client, resource: request.query("resource_id"),
                                                             page: pagination.page, perPage: pagination.perPage)
        return .json(pagination.envelope("notifications", rows.map { notification, attempts in
            NotificationWire.entry(notification, attempts: attempts, secret: client.sharedSecret)
        }, total: total))
    }

    /// Long polling, for `fwpay listen --pull` (no inbound port): this client's notifications
    /// after id `after` (without it, after its newest now), oldest first and at most
    /// `pollLimit`, waiting up to `wait` seconds (0 to `maximumPollWait`, default the maximum)
    /// for the first; `events` (comma-separated event types) keeps only those. While a client
    /// polls, notifications it has no URL for are kept for pulling (state listen_only). The
    /// answer's `after` is where the next poll starts.
    func poll(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        var wait = Self.maximumPollWait
        if let text = request.query("wait") {
            guard let seconds = Double(text), (0...Self.maximumPollWait).contains(seconds) else {
                throw Problem.invalid(source: "/wait", param: "wait", "must be 0 to \(Int(Self.maximumPollWait)) seconds")
            }
            wait = seconds
        }
        let given = try request.query("after").map { text in
            guard let id = Int64(text), id >= 0 else {
                throw Problem.invalid(source: "/after", param: "after", "must be a notification id (0 or more)")
            }
            return id
        }
        let events = request.query("events").map { $0.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty } }
        guard (events?.count ?? 0) <= 32, events?.allSatisfy({ $0.utf8.count <= 64 }) ?? true else {
            throw Problem.invalid(source: "/events", param: "events", "must be at most 32 event types of at most 64 bytes")
        }
        let filter = events?.isEmpty == false ? events : nil
        // Marked before the newest id is read, so that nothing made in between goes unkept.
        database.listeners.notePull(of: client.id, waiting: wait)
        let after: Int64
        if let given { after = given } else { after = try await database.newestNotificationID(of: client.id) }
        let deadline = ContinuousClock.now + .milliseconds(Int(wait * 1000))
        var found: [NotificationRecord]
        while true {
            found = try await database.notifications(of: client.id, after: after, events: filter, limit: Self.pollLimit)
            guard found.isEmpty, ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return .json(.object([
            ("notifications", .array(found.map { NotificationWire.entry($0, attempts: [], secret: client.sharedSecret) })),
            ("after", .integer(found.last?.id ?? after)),
        ]))
    }

    static let maximumPollWait = 25.0
    static let pollLimit = 100

    func listFaults(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        .json(.object([("faults", .array(faults.list(clientID: try context.requireClient().id).map(\.json)))]))
    }

    /// `{"path": "/orders", "method": "POST", "kind": "drop_after", "count": 1, "latency_ms": 0, "status": 500}`.
    func addFault(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await request.jsonObject(context: context)
        guard let kindName = body["kind"]?.string, let kind = FaultInjector.Kind(rawValue: kindName) else {
            throw Problem.invalid(source: "/kind", param: "kind",
                                  "must be one of \(FaultInjector.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let count = Int(body["count"]?.integer ?? 1)
        let latency = Int(body["latency_ms"]?.integer ?? 0)
        let status = Int(body["status"]?.integer ?? 500)
        guard (1...100_000).contains(count), (0...120_000).contains(latency), (400...599).contains(status) else {
            throw Problem.invalid(source: "/count", param: "count", "count 1 to 100000, latency_ms 0 to 120000, status 400 to 599")
        }
        guard let fault = faults.add(.init(id: 0, clientID: client.id, method: body["method"]?.string?.uppercased(),
                                           pathPrefix: String((body["path"]?.string ?? "/").prefix(2_048)), kind: kind, remaining: count,
                                           latencyMilliseconds: latency, status: status)) else {
            throw Problem.invalid(source: "/", param: "faults", "this client has \(FaultInjector.maximumPerClient) faults already; DELETE /sandbox/faults first")
        }
        return .json(fault.json, status: .created)
    }

    func clearFaults(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        faults.clear(clientID: try context.requireClient().id)
        return .json(.object([("faults", .array([]))]))
    }
}
