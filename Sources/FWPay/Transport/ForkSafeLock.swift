#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The lock of the connection pools' idle lists, which `fork()` never leaves held in a child.
///
/// A child has only the thread that called `fork()`; a lock another thread held at that moment
/// would stay held in the child for ever. `pthread_atfork` takes this lock before every fork and
/// gives it back in the parent, and the child starts with it fresh. Every pool and the table of
/// client handles share it: what it guards is one push, pop or lookup. (Swift code is never unloaded, so the handlers stay valid.)
enum ForkSafeLock {
    private nonisolated(unsafe) static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        pthread_atfork({ pthread_mutex_lock(ForkSafeLock.mutex) },
                       { pthread_mutex_unlock(ForkSafeLock.mutex) },
                       { pthread_mutex_init(ForkSafeLock.mutex, nil) })
        return mutex
    }()

    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
