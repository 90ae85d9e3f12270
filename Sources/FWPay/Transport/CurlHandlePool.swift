import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Idle libcurl easy handles. A handle keeps its connection cache between transfers, so
/// taking a handle from here reuses a kept-alive connection to the server. Each transfer
/// has a handle to itself, which is what makes one client safe to share between threads.
///
/// Fork safety (docs/c-api.md, "Forking servers"): the idle handles belong to the process
/// that filled the pool. A child of `fork()` shares their sockets and TLS sessions with its
/// parent; a child that used one would read answers meant for the parent (and the parent the
/// child's). So when a fork happened since the pool filled (ForkSafeLock counts them), it forgets its handles
/// without closing them (closing would send a TLS close on the parent's connection) and
/// starts empty: the child opens connections of its own. The forgotten handles' memory and
/// descriptors stay with the child until it exits: at most `capacity` per client.
final class CurlHandlePool: @unchecked Sendable {
    /// A `CURL *`; only ever used by the thread that took it from the pool.
    struct Handle: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
    }

    // Guarded by ForkSafeLock.
    private var idle: [Handle] = []
    /// The fork generation (ForkSafeLock) of the process whose handles `idle` holds; nil until
    /// the first take, which is under the lock and so after the fork handlers are in place.
    private var owner: Int?
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    deinit {
        let parents = ForkSafeLock.withLock { owner != nil && owner != ForkSafeLock.generation }
        guard !parents else { return }
        for handle in idle { curl_easy_cleanup(handle.raw) }
    }

    /// An idle handle of this process, or a new one; nil only when libcurl cannot allocate.
    func take() -> Handle? {
        let reused = ForkSafeLock.withLock { () -> Handle? in
            forgetInherited()
            return idle.popLast()
        }
        if let reused { return reused }
        return curl_easy_init().map(Handle.init(raw:))
    }

    /// Returns a handle after a transfer; beyond `capacity` idle handles it is closed.
    func give(back handle: Handle) {
        curl_easy_reset(handle.raw)
        let kept = ForkSafeLock.withLock { () -> Bool in
            forgetInherited()
            guard idle.count < capacity else { return false }
            idle.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle.raw) }
    }

    /// Closes a handle whose connection state is doubtful (after a transport failure).
    func discard(_ handle: Handle) {
        curl_easy_cleanup(handle.raw)
    }

    /// After a fork, drops the parent's handles unclosed (see the type's comment). Under the lock.
    private func forgetInherited() {
        let generation = ForkSafeLock.generation
        guard owner != generation else { return }
        idle = []
        owner = generation
    }
}
