import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Which file of CA certificates TLS trusts. libcurl has one path compiled in, that of the
/// system it was built on; a copy carried elsewhere (the Python wheel grafts Debian's libcurl)
/// would fail every TLS handshake on a system that keeps its bundle somewhere else, so the
/// bundle is found at run time, as pycurl and Go do.
enum CABundle {
    /// Where Linux distributions keep the bundle (Go's crypto/x509 list): Debian, Ubuntu,
    /// Arch and Gentoo; Fedora and RHEL 6; RHEL 7 and later; openSUSE; SUSE; Alpine.
    static let systemPaths = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/ca-bundle.pem",
        "/var/lib/ca-certificates/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]

    /// The environment variable that names a bundle for every client of the process.
    static let environmentVariable = "FWPAY_CA_BUNDLE"
    /// curl's and OpenSSL's own variable, honoured when FWPAY_CA_BUNDLE is unset.
    static let standardVariable = "SSL_CERT_FILE"



    /// The bundle to give libcurl, or nil to keep libcurl's own default: the caller's choice
    /// first, then FWPAY_CA_BUNDLE, then SSL_CERT_FILE (curl's and OpenSSL's convention) when
    /// that file exists (shells often export it for other tools), then libcurl's compiled-in
    /// path when it exists here, then the first system path that exists. The result is nil too when none exists (TLS then
    /// fails with libcurl's own message).
    static func choose(given: String?, environment: String?, standard: String? = nil, compiledIn: String?,
                       exists: (String) -> Bool) -> String? {
        if let given, !given.isEmpty { return given }
        if let environment, !environment.isEmpty { return environment }
        if let standard, !standard.isEmpty, exists(standard) { return standard }
        if let compiledIn, exists(compiledIn) { return nil }
        return systemPaths.first(where: exists)
    }

    /// `choose` on this machine.
    static func resolve(given: String?) -> String? {
        choose(given: given, environment: getenv(environmentVariable).map { String(cString: $0) },
               standard: getenv(standardVariable).map { String(cString: $0) }, compiledIn: compiledInPath, exists: isReadable)
    }

    /// The path the caller would get by default, for fwp_ca_bundle: libcurl's own when it
    /// exists, else what `resolve` finds.
    static func defaultPath() -> String? {
        resolve(given: nil) ?? compiledInPath.flatMap { isReadable($0) ? $0 : nil }
    }

    static let compiledInPath: String? = fwp_curl_compiled_in_ca_bundle().map { String(cString: $0) }

    static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }
}
