import CCurl

/// Idle libcurl easy handles. A handle keeps its connection cache between transfers, so
/// taking a handle from here reuses a kept-alive connection to the server. Each transfer
/// has a handle to itself, which is what makes one client safe to share between threads.
final class CurlHandlePool: Sendable {
    /// A `CURL *`; only ever used by the thread that took it from the pool.
    struct Handle: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
    }

    private let idle = Lock<[Handle]>([])
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.raw) }
    }

    /// An idle handle, or a new one; nil only when libcurl cannot allocate.
    func take() -> Handle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return curl_easy_init().map(Handle.init(raw:))
    }

    /// Returns a handle after a transfer; beyond `capacity` idle handles it is closed.
    func give(back handle: Handle) {
        curl_easy_reset(handle.raw)
        let kept = idle.withLock { handles -> Bool in
            guard handles.count < capacity else { return false }
            handles.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle.raw) }
    }

    /// Closes a handle whose connection state is doubtful (after a transport failure).
    func discard(_ handle: Handle) {
        curl_easy_cleanup(handle.raw)
    }
}
