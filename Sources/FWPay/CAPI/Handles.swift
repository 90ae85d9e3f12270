/// The objects handed to C (clients and iterators), by handle. A handle is a number, never an
/// address: each call looks its object up and holds it for the call's length, and the free
/// function takes it out of the table. So an object freed while other threads use it, freed
/// twice (a binding's copied object: PHP `clone`, Ruby `dup`), or a stale or made-up handle
/// gives an error, never a crash (security-findings-3.md N1, N2), the same in every binding; a
/// freed client's connections close when its last call ends. Handles are never reused, and
/// no two objects of either kind share one.
final class HandleTable<Value: AnyObject>: @unchecked Sendable {
    // Guarded by ForkSafeLock, as `lastHandle` is.
    private var values: [UInt: Value] = [:]

    /// A new handle for `value`.
    func add(_ value: Value) -> OpaquePointer {
        let handle: UInt = ForkSafeLock.withLock {
            lastHandle += 16  // aligned like an address, so that C code that checks alignment accepts it
            values[lastHandle] = value
            return lastHandle
        }
        return OpaquePointer(bitPattern: handle)!
    }

    /// The object of a handle, nil once it is freed (or when it never was one).
    func value(_ handle: OpaquePointer) -> Value? {
        ForkSafeLock.withLock { values[key(handle)] }
    }

    /// Takes a handle out; returns its object, so that the caller releases it outside the lock
    /// (a client's last release closes connections, which takes the lock again).
    func remove(_ handle: OpaquePointer) -> Value? {
        ForkSafeLock.withLock { values.removeValue(forKey: key(handle)) }
    }

    private func key(_ handle: OpaquePointer) -> UInt {
        UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))
    }
}

/// The last handle given out, of any kind. Guarded by ForkSafeLock.
private nonisolated(unsafe) var lastHandle: UInt = 0

enum Handles {
    static let clients = HandleTable<Client>()
    static let iterators = HandleTable<IteratorHandle>()
    static let queues = HandleTable<CompletionQueue>()
}
