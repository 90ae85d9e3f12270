import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the sandbox up under connection floods (security finding H2): at most `limit`
/// connections at once, below the process's descriptor limit (past it, libdispatch crashes
/// the process); a connection that has not sent a whole request head within `firstHead` of
/// opening, or within `nextHead` of its last answer (the keep-alive time clients count on), or
/// the whole body within `body` of its head, is closed, so that neither dripping headers nor a
/// dripping body can hold a connection for ever (the body's deadline: finding N8).
final class ConnectionGuard: Sendable {
    let limit: Int
    let firstHead: TimeAmount
    let nextHead: TimeAmount
    let body: TimeAmount
    private let open = Mutex(0)

    init(limit: Int, firstHead: TimeAmount, nextHead: TimeAmount, body: TimeAmount = .seconds(10)) {
        self.limit = limit
        self.firstHead = firstHead
        self.nextHead = nextHead
        self.body = body
    }

    /// How many connections are open now.
    var count: Int { open.withLock { $0 } }

    /// Takes a place for a new connection; false when all are taken.
    fileprivate func admit() -> Bool {
        open.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    fileprivate func release() { open.withLock { $0 -= 1 } }

    /// The handler every connection's pipeline gets.
    func handler() -> ConnectionGuardHandler { ConnectionGuardHandler(guard: self) }

    /// Raises the soft descriptor limit to the hard one, and returns how many connections fit
    /// below it with `reserve` descriptors kept for the database, deliveries and the runtime.
    static func connectionsThatFit(reserve: Int = 128) -> Int {
        var limits = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limits) == 0 else { return 512 }
        if limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(RLIMIT_NOFILE_VALUE, &raised) == 0 { limits = raised }
        }
        let descriptors = limits.rlim_cur == rlim_t.max ? 1 << 20 : Int(clamping: limits.rlim_cur)
        return max(16, min(descriptors - reserve, 100_000))
    }

    #if canImport(Glibc)
    private static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #endif
}

/// Counts its connection in, closes it when there is no room, and times out slow heads and bodies.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let connections: ConnectionGuard
    private var admitted = false
    private var deadline: Scheduled<Void>?

    init(guard connections: ConnectionGuard) {
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = connections.admit()
        guard admitted else {
            context.close(promise: nil)
            return
        }
        armDeadline(context, after: connections.firstHead)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        leave()
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    /// Gives the connection's place back, once, whichever of removal and closing comes first.
    private func leave() {
        deadline?.cancel()
        if admitted {
            admitted = false
            connections.release()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            // The head is in: now the body has its own deadline (the timer restarted by no byte).
            armDeadline(context, after: connections.body)
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { armDeadline(context, after: connections.nextHead) }
        context.write(data, promise: promise)
    }

    private func armDeadline(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: delay) { channel.close(promise: nil) }
    }
}
