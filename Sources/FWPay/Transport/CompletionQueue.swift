import CLinux

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where started calls' outcomes wait for their caller (fwp_queue): a list, and an eventfd that
/// is readable exactly while the list is not empty, so that an event loop (poll, epoll, libuv's
/// uv_poll, asyncio's add_reader) learns of them without a thread of its own, as with gRPC's
/// completion queue. Any thread may add; the caller takes.
final class CompletionQueue: Sendable {
    /// One finished call: the caller's tag and what the call gave.
    struct Completion: Sendable {
        let tag: UInt64
        let outcome: Result<Reply, FWPayError>
    }

    /// The eventfd, open for the queue's life.
    let descriptor: Int32
    private let waiting = Locked<(completions: [Completion], closed: Bool)>(([], false))

    init() throws(FWPayError) {
        descriptor = fwp_eventfd()
        guard descriptor >= 0 else {
            throw FWPayError(.noMemory, "could not make the queue's eventfd: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        closeDescriptor(descriptor)
    }

    /// Adds a finished call; dropped when the queue was closed (its owner will never take it).
    func add(_ completion: Completion) {
        waiting.withLock { state in
            guard !state.closed else { return }
            state.completions.append(completion)
            if state.completions.count == 1 { signal() }
        }
    }

    /// Up to `limit` finished calls, oldest first; the descriptor stops being readable once
    /// none is left.
    func take(_ limit: Int) -> [Completion] {
        waiting.withLock { state in
            let taken = Array(state.completions.prefix(limit))
            state.completions.removeFirst(taken.count)
            if !taken.isEmpty && state.completions.isEmpty { drain() }
            return taken
        }
    }

    /// Waits up to `milliseconds` (negative: for ever) for a completion to be waiting; true
    /// when one is. For a caller with a thread to spare (a Java dispatcher, a test).
    func wait(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready >= 0 { return ready > 0 }
            if errno != EINTR { return false }
        }
    }

    /// Completions added from now on are dropped; those waiting are returned to be released.
    func close() -> [Completion] {
        waiting.withLock { state in
            state.closed = true
            defer { state.completions = [] }
            return state.completions
        }
    }

    private func signal() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    private func drain() {
        var count: UInt64 = 0
        _ = read(descriptor, &count, 8)
    }
}

/// close(2), which the queue's own `close()` hides inside the class.
private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
