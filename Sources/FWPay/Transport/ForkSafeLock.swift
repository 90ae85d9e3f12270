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
///
/// The child handler also counts the forks this process descends through (`generation`), so
/// that a pool notices it is in a child without a getpid() system call on every take.
enum ForkSafeLock {
    private nonisolated(unsafe) static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        pthread_atfork({ pthread_mutex_lock(ForkSafeLock.mutex) },
                       { pthread_mutex_unlock(ForkSafeLock.mutex) },
                       {
                           pthread_mutex_init(ForkSafeLock.mutex, nil)
                           ForkSafeLock.forks += 1  // the child's only thread: nobody reads it meanwhile
                       })
        return mutex
    }()

    /// Forks since the lock was first used; read under the lock. What was made before a fork
    /// (with its generation) belongs to the parent. The handlers are in place before anything
    /// is kept under the lock: the first use of the lock installs them.
    private nonisolated(unsafe) static var forks = 0

    /// This process's generation, under the lock (`withLock`'s body may read it).
    static var generation: Int { forks }

    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
