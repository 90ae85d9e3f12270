import Testing

@testable import FWPay

/// The server telemetry names (server.address, server.port): the base URL's host and port,
/// whatever else the URL holds.
@Suite struct TelemetryServerTests {
    func server(of baseURL: String) -> (address: String, port: Int) {
        TransportSettings(baseURL: baseURL, apiKey: "k", connectTimeoutMilliseconds: 1, timeoutMilliseconds: 1,
                          maximumRetries: 0, userAgent: "t").server
    }

    @Test func flywiresURLsUseTheStandardPort() {
        #expect(server(of: "https://api-platform.flywire.com/payments/v1") == ("api-platform.flywire.com", 443))
        #expect(server(of: "http://localhost/payments/v1") == ("localhost", 80))
    }

    @Test func aPortCredentialsAndIPv6AreRead() {
        #expect(server(of: "http://127.0.0.1:8080/payments/v1") == ("127.0.0.1", 8080))
        #expect(server(of: "https://user:secret@proxy.example:8443/payments/v1") == ("proxy.example", 8443))
        #expect(server(of: "http://[::1]:9000/payments/v1") == ("::1", 9000))
        #expect(server(of: "https://[::1]/payments/v1") == ("::1", 443))
    }
}
