import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// fwp_strerror: a static English description of an FWP_E_ code.
/// Returns a string owned by the library (never NULL, never to be freed); an unknown code
/// gives "unknown error code". Thread-safe. Since 0.1.
@c
public func fwp_strerror(_ code: CInt) -> UnsafePointer<CChar> {
    ErrorDescriptions.text(for: code)
}

/// fwp_error_clear: releases what an fwp_error holds (its errors array) and zeroes it, ready
/// for reuse. NULL is a harmless no-op. Since 0.1.
@c
public func fwp_error_clear(_ err: UnsafeMutablePointer<fwp_error>?) {
    reset(err)
}

/// C copies of the code descriptions, made once and never written again (hence
/// nonisolated(unsafe)), so that fwp_strerror can return stable pointers.
private enum ErrorDescriptions {
    nonisolated(unsafe) static let table: [UnsafeMutablePointer<CChar>] = (0...14).map { index in
        strdup(FWPayError.describe(code: CInt(-index)))!
    }
    nonisolated(unsafe) static let unknown: UnsafeMutablePointer<CChar> = strdup("unknown error code")!

    static func text(for code: CInt) -> UnsafePointer<CChar> {
        guard code <= 0, code >= -14 else { return UnsafePointer(unknown) }
        return UnsafePointer(table[Int(-code)])
    }
}
