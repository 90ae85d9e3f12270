import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One POST of a notification to a plain-http receiver, keeping only the answer's status: the
/// connection is closed as soon as the status line and headers arrive, so no byte of the body
/// is read (security finding H1), and the whole exchange is bounded by `deadline`.
enum ReceiverConnection {
    static func post(to url: URL, headers: [(String, String)], body: String, connectTimeout: TimeAmount,
                     deadline: TimeAmount) async -> (status: Int?, failure: String?) {
        guard let host = url.host else { return (nil, "the URL has no host") }
        // A client chose the URL: a port out of range is its mistake, never a trap here.
        let port = url.port ?? 80
        guard (1...65_535).contains(port) else { return (nil, "the URL's port \(port) is not 1 to 65535") }
        let group = MultiThreadedEventLoopGroup.singleton
        let loop = group.next()
        let promise = loop.makePromise(of: Int.self)
        let handler = StatusHandler(promise: promise)
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: host, port: port).get()
            let timer = loop.scheduleTask(in: deadline) {
                handler.fail(channel: channel, "no answer within \(deadline.nanoseconds / 1_000_000_000) s")
            }
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target(of: url))
            head.headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
            head.headers.add(name: "Content-Length", value: String(body.utf8.count))
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            defer {
                timer.cancel()
                channel.close(promise: nil)
            }
            return (try await promise.futureResult.get(), nil)
        } catch {
            promise.fail(error)  // a promise nobody else completed must not be dropped unfulfilled
            return (nil, String(describing: error).prefix(300).description)
        }
    }

    private static func target(of url: URL) -> String {
        let path = url.path.isEmpty ? "/" : url.path
        return url.query.map { path + "?" + $0 } ?? path
    }

    /// Completes the promise once: with the status of the answer's head, or with why there
    /// was none (the connection closed, an error, the deadline).
    private final class StatusHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart
        private let promise: EventLoopPromise<Int>
        private var done = false

        init(promise: EventLoopPromise<Int>) {
            self.promise = promise
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !done else { return }
            if case .head(let head) = unwrapInboundIn(data) {
                done = true
                promise.succeed(Int(head.status.code))
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(Failure("the receiver closed the connection without an answer"))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish(error)
            context.close(promise: nil)
        }

        func fail(channel: any Channel, _ reason: String) {
            channel.eventLoop.execute {
                self.finish(Failure(reason))
                channel.close(promise: nil)
            }
        }

        private func finish(_ error: any Error) {
            guard !done else { return }
            done = true
            promise.fail(error)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
