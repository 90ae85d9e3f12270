import Testing

@testable import FWPay

/// Which CA bundle TLS is given, on systems that keep it in different places (the wheel's
/// libcurl has Debian's path compiled in).
@Suite struct CABundleTests {
    let debian = "/etc/ssl/certs/ca-certificates.crt"
    let rhel = "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"

    @Test func libcurlsOwnBundleIsKeptWhereItExists() {
        #expect(CABundle.choose(given: nil, environment: nil, compiledIn: debian, exists: { $0 == debian }) == nil)
    }

    @Test func onRHELTheSystemsBundleReplacesDebiansPath() {
        #expect(CABundle.choose(given: nil, environment: nil, compiledIn: debian, exists: { $0 == rhel }) == rhel)
    }

    @Test func onAlpineAndSUSETheirPathsAreFound() {
        for path in ["/etc/ssl/cert.pem", "/var/lib/ca-certificates/ca-bundle.pem", "/etc/ssl/ca-bundle.pem"] {
            #expect(CABundle.choose(given: nil, environment: nil, compiledIn: nil, exists: { $0 == path }) == path)
        }
    }

    @Test func theCallersChoiceComesFirstThenTheEnvironment() {
        let all: (String) -> Bool = { _ in true }
        #expect(CABundle.choose(given: "/mine.pem", environment: "/env.pem", compiledIn: debian, exists: all) == "/mine.pem")
        #expect(CABundle.choose(given: nil, environment: "/env.pem", compiledIn: debian, exists: all) == "/env.pem")
        #expect(CABundle.choose(given: "", environment: "", compiledIn: debian, exists: all) == nil)
    }

    @Test func sslCertFileComesAfterFwpaysOwnVariableWhenItExists() {
        let all: (String) -> Bool = { _ in true }
        #expect(CABundle.choose(given: nil, environment: nil, standard: "/curl.pem", compiledIn: debian, exists: all) == "/curl.pem")
        #expect(CABundle.choose(given: nil, environment: "/env.pem", standard: "/curl.pem", compiledIn: debian, exists: all) == "/env.pem")
        // Shells export it for other tools; a path that is not there is passed over.
        #expect(CABundle.choose(given: nil, environment: nil, standard: "/gone.pem", compiledIn: debian, exists: { $0 == rhel }) == rhel)
    }

    @Test func noBundleAnywhereLeavesLibcurlsDefault() {
        #expect(CABundle.choose(given: nil, environment: nil, compiledIn: debian, exists: { _ in false }) == nil)
    }
}
