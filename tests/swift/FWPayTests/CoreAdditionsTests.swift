import Testing

@testable import FWPay

/// Recipient search folding, notification parsing and signing, list queries, confirm URLs.
@Suite struct CoreAdditionsTests {
    @Test func foldingIgnoresCaseAndAccents() {
        #expect(TextFolding.fold("Escuela Técnica de MADRID") == "escuela tecnica de madrid")
        #expect(TextFolding.fold("Straße Œuvre Ærø") == "strasse oeuvre aero")
        #expect(TextFolding.fold("e\u{0301}cole") == "ecole")  // a decomposed accent
        #expect(TextFolding.fold("東京") == "東京")
    }

    @Test func signatureMatchesRFC4231() throws {
        let body = Array("what do ya want for nothing?".utf8)
        let digest = body.withUnsafeBytes { NotificationSignature.digest(body: $0, secret: "Jefe") }
        #expect(digest == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
        let valid = try body.withUnsafeBytes { bytes throws(FWPayError) in
            try NotificationSignature.verify(body: bytes, digest: digest + "\n", secret: "Jefe")
        }
        #expect(valid)
        let forged = try body.withUnsafeBytes { bytes throws(FWPayError) in
            try NotificationSignature.verify(body: bytes, digest: digest, secret: "jefe")
        }
        #expect(!forged)
    }

    @Test func parserReadsBothFormats() throws {
        let v2 = try NotificationParser.parse(Array(#"{"event_type":"failed","event_resource":"payments","data":{"payment_id":"FWU1","status":"failed","amount_from":"-5"}}"#.utf8))
        #expect(v2["format"] == .string("v2") && v2["amount_from"] == .integer(-5) && v2["amount_to"] == .null)
        #expect(v2["dedup_key"]?.stringValue?.hasPrefix("payments:FWU1:failed:") == true)
        let classic = try NotificationParser.parse(Array(#"{"id":"FWU2","status":"processed","amount_to":100}"#.utf8))
        #expect(classic["format"] == .string("classic") && classic["id"] == .string("FWU2") && classic["payment_id"] == .string("FWU2"))
        // An unreadable member is kept as text, never fatal; a body naming nothing still parses.
        let odd = try NotificationParser.parse(Array(#"{"payment_id":"F","status":"x","amount_to":"1e3"}"#.utf8))
        #expect(odd["amount_to"] == .null && odd["amount_text"] == .string("1e3"))
        #expect(try NotificationParser.parse(Array(#"{"status":"x"}"#.utf8))["id"] == .null)
        #expect(throws: FWPayError.self) { try NotificationParser.parse(Array(#"[1]"#.utf8)) }
    }

    /// Classic (v1) callbacks carry major units; one integrator lost 222 of them to a parser
    /// that read "1500.00" as an error (real-api-evidence.md §2, row 12).
    @Test func classicCallbacksConvertMajorUnitsByTheCurrencyExponent() throws {
        func amount(_ text: String, _ currency: String?) throws -> (JSONValue?, JSONValue?) {
            let currencyMember = currency.map { #","currency":"\#($0)""# } ?? ""
            let parsed = try NotificationParser.parse(Array(#"{"id":"FWU3","callback_id":"cb-1","status":"delivered","amount":"\#(text)"\#(currencyMember)}"#.utf8))
            return (parsed["amount"], parsed["amount_text"])
        }
        #expect(try amount("1500.00", "USD") == (.integer(150_000), .null))
        #expect(try amount("1500", "JPY") == (.integer(1_500), .null))
        #expect(try amount("12.345", "BHD") == (.integer(12_345), .null))
        #expect(try amount("12.3", "KWD") == (.integer(12_300), .null))
        #expect(try amount("1500.5", "VND") == (.integer(15_005), .null))  // Flywire counts VND in tenths
        #expect(try amount("1500.00", nil) == (.null, .string("1500.00")))
        #expect(try amount("1500.005", "USD") == (.null, .string("1500.005")))
        #expect(try amount("15,00", "EUR") == (.null, .string("15,00")))
    }

    /// Two adjustments of one hold are two events; a retry of one is the same event (M6).
    @Test func dedupKeysTellEventsApart() throws {
        func key(_ amount: String) throws -> JSONValue? {
            try NotificationParser.parse(Array(#"{"event_type":"adjusted","event_date":"2026-01-01T00:00:00Z","event_resource":"charges","data":{"payment_id":"FWU1","amount_to":"\#(amount)"}}"#.utf8))["dedup_key"]
        }
        #expect(try key("120000") != key("150000"))
        #expect(try key("120000") == key("120000"))
    }

    @Test func listQueries() throws {
        let filters = JSONValue.object(JSONObject([("status", .string("delivered")), ("recipient", .string("FWU")), ("skip", .null)]))
        let path = try ListQuery.path("/payments", filters: filters, allowed: ["status", "recipient"], page: PageRequest(page: 2, perPage: 50))
        #expect(path == "/payments?status=delivered&recipient=FWU&page=2&per_page=50")
        #expect(throws: FWPayError.self) { try ListQuery.path("/payments", filters: .array([]), allowed: [], page: PageRequest()) }
        #expect(throws: FWPayError.self) {
            try ListQuery.path("/payments", filters: .object(JSONObject([("colour", .string("red"))])), allowed: ["status"], page: PageRequest())
        }
    }

    @Test func confirmURLsMustBeOurs() throws {
        let client = try Client(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:8080/payments/v1", apiKey: "k"))
        #expect(try client.sessions.sessionID(from: "http://127.0.0.1:8080/payments/v1/checkout/sessions/abc-123/confirm") == "abc-123")
        #expect(try client.sessions.sessionID(from: "abc-123") == "abc-123")
        #expect(throws: FWPayError.self) { try client.sessions.sessionID(from: "https://evil.example/payments/v1/checkout/sessions/x/confirm") }
        #expect(throws: FWPayError.self) { try client.sessions.sessionID(from: "http://127.0.0.1:8080/payments/v1/checkout/sessions/../x/confirm") }
    }
}
