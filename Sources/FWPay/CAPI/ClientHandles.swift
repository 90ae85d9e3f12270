/// The clients handed to C, by handle. A handle is a number, never an address: each call looks
/// its client up and holds it for the call's length, and fwp_client_free takes it out of the
/// table. So a client freed while other threads call it, freed twice (a binding's copied
/// object: PHP `clone`, Ruby `dup`), or a stale or made-up handle gives an error, never a crash
/// (security-findings-3.md N1, N2), the same in every binding; a freed client's connections
/// close when its last call ends. Handles are never reused.
enum ClientHandles {
    private nonisolated(unsafe) static var clients: [UInt: Client] = [:]
    private nonisolated(unsafe) static var last: UInt = 0

    /// A new handle for `client`.
    static func add(_ client: Client) -> OpaquePointer {
        let handle: UInt = ForkSafeLock.withLock {
            last += 16  // aligned like an address, so that C code that checks alignment accepts it
            clients[last] = client
            return last
        }
        return OpaquePointer(bitPattern: handle)!
    }

    /// The client of a handle, nil once it is freed (or when it never was one).
    static func client(_ handle: OpaquePointer) -> Client? {
        ForkSafeLock.withLock { clients[UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))] }
    }

    /// Takes a handle out; returns its client, so that the caller releases it outside the lock
    /// (its last release closes connections, which takes the lock again).
    static func remove(_ handle: OpaquePointer) -> Client? {
        ForkSafeLock.withLock { clients.removeValue(forKey: UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))) }
    }
}
