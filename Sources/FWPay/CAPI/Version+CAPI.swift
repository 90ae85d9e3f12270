import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// fwp_version: the version of the loaded library as "MAJOR.MINOR.PATCH" (compare with
/// FWP_VERSION_STRING to detect a header/library mismatch). The string is static: do not
/// free it. Thread-safe. Since 0.1.
@c
public func fwp_version() -> UnsafePointer<CChar> {
    UnsafePointer(versionText)
}

nonisolated(unsafe) private let versionText: UnsafeMutablePointer<CChar> = strdup(Version.string)!
