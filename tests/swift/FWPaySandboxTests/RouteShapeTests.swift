import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FWPaySandbox

/// Every route of the sandbox through its router (no socket): the status it answers and the
/// members of its answer, in order. These pin the wire shapes, so that moving code between
/// the routes, the rules, the domain, the store and the encoders cannot change an answer
/// unnoticed.
@Suite struct RouteShapeTests {
    /// A router over a fresh database, and a client for it.
    struct Sandbox {
        let fixture: SandboxFixture
        let client: any TestClientProtocol

        /// Sends `body` (JSON text, or form text when `form` is set) and decodes a JSON answer.
        @discardableResult
        func call(_ method: HTTPRequest.Method, _ path: String, _ body: JSON? = nil, key: String? = "sandbox-demo-key",
                  api: Bool = true, form: String? = nil, cookie: String? = nil) async throws -> Answer {
            var headers: HTTPFields = [:]
            if let key { headers[HTTPField.Name("X-Authentication-Key")!] = key }
            if let cookie { headers[.cookie] = cookie }
            var buffer: ByteBuffer?
            if let form {
                headers[.contentType] = "application/x-www-form-urlencoded"
                buffer = ByteBuffer(string: form)
            } else if let body {
                headers[.contentType] = "application/json"
                buffer = ByteBuffer(string: body.text)
            }
            let response = try await client.execute(uri: (api ? apiBasePath : "") + path, method: method, headers: headers, body: buffer)
            let text = String(buffer: response.body)
            let json = response.headers[.contentType]?.hasPrefix("application/json") == true ? try? JSON.parse(text) : nil
            return Answer(status: response.status.code, headers: response.headers, text: text, json: json)
        }
    }

    struct Answer {
        let status: Int
        let headers: HTTPFields
        let text: String
        let json: JSON?

        /// The member names of the answer (or of `member`'s value), in order.
        func keys(_ path: String...) -> [String] {
            var value = json
            for key in path { value = value?[key] }
            return (value?.members ?? []).map(\.0)
        }

        /// The member names of the first element of the array at `path`.
        func firstKeys(_ path: String...) -> [String] {
            var value = json
            for key in path { value = value?[key] }
            return (value?.array?.first?.members ?? []).map(\.0)
        }

        subscript(_ key: String) -> JSON? { json?[key] }
    }

    static let envelope = ["page", "per_page", "total_entries", "total_pages"]
    static let paymentDetails = ["payment_id", "status", "amount_from", "currency_from", "amount_to", "currency_to",
                                 "external_reference", "payor_id", "recipient_id", "order_id", "session_id", "payment_method"]
    /// What ends every payment's details.
    static let paymentEnd = ["status_detail", "metadata", "created_at", "updated_at"]
    static let refund = ["refund_id", "payment_id", "bundle_id", "created_at", "status", "amount", "currency", "amount_to",
                         "currency_to", "recipient_id", "external_reference"]
    static let bundle = ["bundle_id", "status", "created_at", "approved_at", "refunds", "total_amount"]
    static let fields: JSON = .object([("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])

    func withSandbox(_ test: @escaping @Sendable (Sandbox) async throws -> Void) async throws {
        let fixture = try await SandboxFixture()
        let router = try buildRouter(database: fixture.database, faults: FaultInjector())
        let app = Application(router: router)
        try await app.test(.router) { client in try await test(Sandbox(fixture: fixture, client: client)) }
    }

    /// An order for FWU from the US (card offer), answered as created.
    static func createOrder(_ sandbox: Sandbox, amount: Int64 = 120_000, firstName: String = "Peter") async throws -> Answer {
        let offers = try await sandbox.call(.get, "/offers?amount=\(amount)&country=US&recipient=FWU")
        let offer = try #require(offers["offers"]?.array?.first { $0["type"]?.string == "card" }?["id"]?.string)
        return try await sandbox.call(.post, "/orders", .object([
            ("payer", .object([("first_name", .string(firstName)), ("country", .string("US"))])),
            ("recipient", Self.fields.setting("id", .string("FWU"))),
            ("items", .array([.object([("id", .string("tuition")), ("amount", .integer(amount))])])),
            ("offer", .object([("id", .string(offer))])),
            ("external_reference", .string("INV-1")),
        ]))
    }

    /// A session submitted on the payer's form and confirmed.
    static func confirmedSession(_ sandbox: Sandbox, _ body: JSON, holder: String = "Peter Payer") async throws -> (created: Answer, confirmed: Answer) {
        let created = try await sandbox.call(.post, "/checkout/sessions", body)
        let id = try #require(created["id"]?.string)
        var form: [(String, JSON)] = []
        for (key, value) in SandboxFixture.form(holder: holder).sorted(by: { $0.key < $1.key }) { form.append((key, .string(value))) }
        let sent = try await sandbox.call(.post, "/checkout/form?session_id=\(id)", .object(form), key: nil, api: false)
        #expect(sent.status == 200)
        #expect(sent.keys() == ["source", "success", "confirm_url", "payor"])
        return (created, try await sandbox.call(.post, "/checkout/sessions/\(id)/confirm"))
    }

    static func preauthBody(amount: Int64 = 60_000) -> JSON {
        .object([
            ("type", .string("tokenization_and_pay")), ("recipient_id", .string("FWU")), ("schema", .string("cards")),
            ("charge_intent", .object([("mode", .string("unscheduled")), ("capture", .string("manual")), ("authorization", .string("preauth"))])),
            ("recipient", Self.fields), ("items", .array([.object([("id", .string("default")), ("amount", .integer(amount))])])),
        ])
    }

    @Test func healthAndRecipientsAndOffers() async throws {
        try await withSandbox { sandbox in
            let health = try await sandbox.call(.get, "/health", api: false)
            #expect(health.status == 200 && health.keys() == ["status"])
            let list = try await sandbox.call(.get, "/recipients")
            #expect(list.status == 200)
            #expect(list.keys() == ["recipients"] + Self.envelope)
            #expect(list.firstKeys("recipients") == ["id", "external_code", "name", "country", "state", "currency"])
            let one = try await sandbox.call(.get, "/recipients/FWU")
            #expect(one.status == 200)
            #expect(one.keys() == ["id", "name", "country", "currency", "fields", "settings"])
            #expect(one.keys("settings") == ["currency", "min_amount", "max_amount"])
            #expect(one.firstKeys("fields") == ["id", "label", "type", "required"])
            #expect(try await sandbox.call(.get, "/recipients/XXX").status == 404)
            let offers = try await sandbox.call(.get, "/offers?amount=120000&country=ES&recipient=FWU")
            #expect(offers.status == 200 && offers.keys() == ["offers"])
            #expect(offers.firstKeys("offers") == ["id", "type", "price", "amount_to", "exchange_rate", "fields"])
            let badQuery = try await sandbox.call(.get, "/offers?amount=1&country=ES")
            #expect(badQuery.status == 400 && badQuery["status"] == .integer(400))  // an integer, as the real API sends it
            #expect(try await sandbox.call(.get, "/recipients", key: "wrong").status == 401)
        }
    }

    @Test func orders() async throws {
        try await withSandbox { sandbox in
            let created = try await Self.createOrder(sandbox)
            #expect(created.status == 201)
            #expect(created.keys() == ["id", "created_at", "payer", "recipient", "items", "offer", "external_reference", "status"])
            let id = try #require(created["id"]?.string)
            let shown = try await sandbox.call(.get, "/orders/\(id)")
            #expect(shown.status == 200 && shown.keys() == created.keys())
            let list = try await sandbox.call(.get, "/orders?recipient=FWU&status=open")
            #expect(list.status == 200 && list.keys() == ["orders"] + Self.envelope)
            #expect(list.firstKeys("orders") == created.keys())
            let edited = try await sandbox.call(.patch, "/orders/\(id)", .object([("metadata", .object([("invoice", .string("INV-2"))]))]))
            #expect(edited.status == 200)
            #expect(edited.keys() == ["id", "created_at", "payer", "recipient", "items", "offer", "external_reference", "metadata", "status"])
            let refused = try await sandbox.call(.patch, "/orders/\(id)", .object([("recipient", .object([("id", .string("FWU"))]))]))
            #expect(refused.status == 422 && refused["status"] == .integer(422))
            #expect(refused.keys() == ["type", "title", "status", "detail", "errors"])
            #expect(refused.firstKeys("errors") == ["source", "param", "type", "message"])
            let charged = try await sandbox.call(.post, "/orders/\(id)/charge")
            #expect(charged.status == 201)
            #expect(charged.keys() == ["payment_reference", "amount_from", "currency_from", "amount_to", "currency_to"])
            #expect(try await sandbox.call(.post, "/orders/\(id)/charge").status == 422)
            let after = try await sandbox.call(.get, "/orders/\(id)")
            #expect(after.keys().suffix(2) == ["status", "payment_reference"])
            #expect(try await sandbox.call(.get, "/orders/\(UUID())").status == 404)
            let bad = try await sandbox.call(.post, "/orders", .object([]))
            #expect(bad.status == 422 && bad["title"] == .string("Bad Request"))
        }
    }

    @Test func paymentsOfAnOrder() async throws {
        try await withSandbox { sandbox in
            let order = try await Self.createOrder(sandbox)
            let reference = try #require(try await sandbox.call(.post, "/orders/\(order["id"]?.string ?? "")/charge")["payment_reference"]?.string)
            let payment = try await sandbox.call(.get, "/payments/\(reference)")
            #expect(payment.status == 200)
            #expect(payment.keys() == Self.paymentDetails + Self.paymentEnd)
            #expect(payment.keys("payment_method") == ["type"])
            let list = try await sandbox.call(.get, "/payments?recipient=FWU")
            #expect(list.status == 200 && list.keys() == ["payments"] + Self.envelope)
            #expect(list.firstKeys("payments") == payment.keys())
            #expect(try await sandbox.call(.get, "/payments?status=nonsense").status == 400)
            let receipt = try await sandbox.call(.get, "/payments/\(reference)/receipt")
            #expect(receipt.status == 200)
            #expect(receipt.keys() == ["receipt_number", "payment_id", "status", "recipient", "payer", "amount_from", "currency_from",
                                       "amount_to", "currency_to", "payment_method", "created_at"])
            // A card order is guaranteed at once: not cancellable, not a 529 payment to process.
            #expect(try await sandbox.call(.post, "/payments/\(reference)/cancel").status == 422)
            #expect(try await sandbox.call(.get, "/payments/FWU000000000").status == 404)
        }
    }

    @Test func processAndCancelABankTransfer() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.fixture.payment()  // a bank transfer, initiated
            let processed = try await sandbox.call(.post, "/payments/\(first.id)/process")
            #expect(processed.status == 200 && processed.keys() == Self.paymentDetails + Self.paymentEnd)
            #expect(processed["status"] == .string("processed"))
            let second = try await sandbox.fixture.payment()
            let cancelled = try await sandbox.call(.post, "/payments/\(second.id)/cancel")
            #expect(cancelled.status == 200 && cancelled["status"] == .string("cancelled"))
            #expect(cancelled.keys() == Self.paymentDetails + ["reason"] + Self.paymentEnd)
        }
    }

    @Test func checkoutSessionsAndTokenCharges() async throws {
        try await withSandbox { sandbox in
            let body: JSON = .object([
                ("type", .string("tokenization_and_pay")), ("recipient_id", .string("FWU")),
                ("charge_intent", .object([("mode", .string("unscheduled"))])), ("recipient", Self.fields),
                ("items", .array([.object([("id", .string("default")), ("amount", .integer(80_000))])])),
                ("payor", .object([("email", .string("not-an-email"))])),
            ])
            let (created, confirmed) = try await Self.confirmedSession(sandbox, body)
            #expect(created.status == 201)
            #expect(created.keys() == ["id", "expires_at", "expires_in_seconds", "hosted_form", "warnings"])
            #expect(created.keys("hosted_form") == ["url", "method"])
            #expect(created.firstKeys("warnings") == ["source", "errors"])
            let id = try #require(created["id"]?.string)
            let form = try await sandbox.call(.get, "/checkout/form?session_id=\(id)", key: nil, api: false)
            #expect(form.status == 409)  // confirmed: the link is used
            #expect(confirmed.status == 200)
            #expect(confirmed.keys() == ["payment_reference", "charge_info", "payment_method", "mandate", "payor"])
            #expect(confirmed.keys("mandate") == ["id", "currency"] && confirmed.keys("payor") == ["country", "email"])
            #expect(confirmed.keys("charge_info") == ["amount", "currency"])
            #expect(confirmed.keys("payment_method") == ["token", "type", "card_classification", "last_four_digits", "card_expiration",
                                                         "country", "brand", "issuer"])
            let shown = try await sandbox.call(.get, "/checkout/sessions/\(id)")
            #expect(shown.status == 200)
            #expect(shown.keys() == ["id", "type", "status", "recipient_id", "amount", "currency", "expires_in_seconds",
                                     "payment_reference", "created_at", "order_id"])
            #expect(try await sandbox.call(.post, "/checkout/sessions/\(id)/confirm").status == 422)

            let charge = try await sandbox.call(.post, "/payments/charge", .object([
                ("payment_method_token", confirmed["payment_method"]?["token"] ?? .null), ("mandate_id", confirmed["mandate"]?["id"] ?? .null),
                ("charge_intent", .object([("mode", .string("unscheduled"))])), ("recipient", .object([("id", .string("FWU"))])),
                ("items", .array([.object([("id", .string("default")), ("amount", .integer(70_000))])])),
            ]))
            #expect(charge.status == 201)
            #expect(charge.keys() == ["payment_reference", "charge_info", "charge_result"])
            #expect(charge["charge_result"]?["status"] == .string("success"))
            let tokenPayment = try await sandbox.call(.get, "/payments/\(charge["payment_reference"]?.string ?? "")")
            #expect(tokenPayment.keys() == Self.paymentDetails + ["mandate"] + Self.paymentEnd)
            #expect(try await sandbox.call(.post, "/payments/charge", .object([])).status == 422)

            let open = try await sandbox.call(.post, "/checkout/sessions", body)
            let page = try await sandbox.call(.get, "/checkout/form?session_id=\(open["id"]?.string ?? "")", key: nil, api: false)
            #expect(page.status == 200 && page.text.contains("<form"))
            #expect(try await sandbox.call(.get, "/checkout/form?session_id=nope", key: nil, api: false).status == 404)
            #expect(try await sandbox.call(.post, "/checkout/sessions/\(UUID())/confirm").status == 404)
            #expect(try await sandbox.call(.post, "/checkout/sessions/123456789/confirm").status == 422)
        }
    }

    @Test func preAuthorizations() async throws {
        try await withSandbox { sandbox in
            let (_, confirmed) = try await Self.confirmedSession(sandbox, Self.preauthBody())
            #expect(confirmed.status == 200)
            let reference = try #require(confirmed["payment_reference"]?.string)
            let held = try await sandbox.call(.get, "/payments/\(reference)")
            #expect(held.keys() == Self.paymentDetails + ["charge_intent", "mandate"] + Self.paymentEnd)
            #expect(held["status"] == .string("authorized"))
            #expect(held.keys("charge_intent") == ["capture", "authorization", "authorized_amount", "captured_amount"])
            let adjusted = try await sandbox.call(.post, "/payments/\(reference)/authorization_adjustments", .object([("amount", .integer(70_000))]))
            #expect(adjusted.status == 201 && adjusted.keys() == ["charge_result"] + held.keys())
            #expect(adjusted["charge_result"] == .object([("status", .string("received"))]))
            #expect(try await sandbox.call(.post, "/payments/\(reference)/authorization_adjustments", .object([("amount", .integer(1))])).status == 422)
            let captured = try await sandbox.call(.post, "/payments/\(reference)/captures", .object([("amount", .integer(50_000))]))
            #expect(captured.status == 201)
            #expect(captured.keys() == ["charge_result", "payment_id", "status", "captured_amount", "released_amount", "currency"])
            #expect(captured["charge_result"] == .object([("status", .string("received"))]))
            #expect(captured["released_amount"] == .integer(20_000))
            #expect(try await sandbox.call(.post, "/payments/\(reference)/captures", .object([("amount", .integer(1))])).status == 422)
            #expect(try await sandbox.call(.post, "/payments/\(reference)/captures", .object([])).status == 422)
        }
    }

    /// A declined test card: the "failed" notification says why, as GET /payments/{ref} does
    /// (it once said `"reason_code": null`, queued before the code was set).
    @Test func theFailedNotificationCarriesTheReasonCodeOfTheDeclinedCard() async throws {
        try await withSandbox { sandbox in
            let body: JSON = .object([
                ("type", .string("one_off")), ("recipient_id", .string("FWU")), ("recipient", Self.fields),
                ("items", .array([.object([("id", .string("tuition")), ("amount", .integer(80_000))])])),
            ])
            let (_, confirmed) = try await Self.confirmedSession(sandbox, body, holder: "MAGICVALUE CARD EXPIRED")
            let reference = try #require(confirmed["payment_reference"]?.string)
            let payment = try await sandbox.call(.get, "/payments/\(reference)")
            #expect(payment["status"] == .string("failed"))
            #expect(payment["reason"] == .string("card_expired") && payment["reason_code"] == .string("54"))
            let notifications = try await sandbox.call(.get, "/sandbox/notifications?resource_id=\(reference)", api: false)
            // The payments event (a charges "failed" event, with its reason, goes beside it).
            let failed = try #require(notifications["notifications"]?.array?.first {
                $0["event_type"] == .string("failed") && $0["resource"] == .string("payments")
            })
            let data = try #require(try JSON.parse(failed["body"]?.string ?? "")["data"])
            #expect(data["reason"] == .string("card_expired"))
            #expect(data["reason_code"] == .string("54"))
        }
    }

    @Test func refundsAndBundles() async throws {
        try await withSandbox { sandbox in
            let order = try await Self.createOrder(sandbox, firstName: "SANDBOX_TO_DELIVERED_STATUS")
            let reference = try #require(try await sandbox.call(.post, "/orders/\(order["id"]?.string ?? "")/charge")["payment_reference"]?.string)
            let refund = try await sandbox.call(.post, "/payments/\(reference)/refunds", .object([("amount", .integer(10_000)), ("external_reference", .string("R-1"))]))
            #expect(refund.status == 201 && refund.keys() == Self.refund)
            let id = try #require(refund["refund_id"]?.string)
            #expect(try await sandbox.call(.post, "/payments/\(reference)/refunds", .object([("amount", .integer(10_000))])).status == 422)
            let shown = try await sandbox.call(.get, "/refunds/\(id)")
            #expect(shown.status == 200 && shown.keys() == Self.refund)
            let list = try await sandbox.call(.get, "/refunds?payment_id=\(reference)")
            #expect(list.status == 200 && list.keys() == ["refunds"] + Self.envelope && list.firstKeys("refunds") == Self.refund)
            let bundles = try await sandbox.call(.get, "/refund_bundles")
            #expect(bundles.status == 200 && bundles.keys() == ["refund_bundles"] + Self.envelope)
            #expect(bundles.firstKeys("refund_bundles") == Self.bundle)
            let bundleID = try #require(refund["bundle_id"]?.string)
            let bundle = try await sandbox.call(.get, "/refund_bundles/\(bundleID)")
            #expect(bundle.status == 200 && bundle.keys() == Self.bundle && bundle.firstKeys("refunds") == Self.refund)
            let approved = try await sandbox.call(.post, "/refund_bundles/\(bundleID)/approve")
            #expect(approved.status == 200 && approved.keys() == Self.bundle && approved["status"] == .string("approved"))
            #expect(try await sandbox.call(.post, "/refund_bundles/\(bundleID)/approve").status == 422)
            let cancelled = try await sandbox.call(.post, "/refunds/\(id)/cancel")
            #expect(cancelled.status == 200 && cancelled.keys() == Self.refund && cancelled["status"] == .string("cancelled"))
            #expect(try await sandbox.call(.post, "/refunds/\(id)/cancel").status == 422)
            #expect(try await sandbox.call(.get, "/refunds/RFWU1").status == 404)
            #expect(try await sandbox.call(.get, "/refund_bundles/BUDR1").status == 404)
        }
    }

    @Test func controlAPI() async throws {
        try await withSandbox { sandbox in
            let clock = try await sandbox.call(.get, "/sandbox/clock", api: false)
            #expect(clock.status == 200 && clock.keys() == ["now", "offset_seconds"])
            let advanced = try await sandbox.call(.post, "/sandbox/clock/advance", .object([("hours", .integer(1))]), api: false)
            #expect(advanced.status == 200 && advanced.keys() == ["now", "offset_seconds", "transitions"])
            #expect(try await sandbox.call(.post, "/sandbox/clock/advance", .object([]), api: false).status == 422)
            let payment = try await sandbox.fixture.payment()
            let moved = try await sandbox.call(.post, "/sandbox/payments/\(payment.id)/transition", .object([("status", .string("processed"))]), api: false)
            #expect(moved.status == 200 && moved.keys() == Self.paymentDetails + Self.paymentEnd)
            #expect(try await sandbox.call(.post, "/sandbox/payments/\(payment.id)/transition", .object([("status", .string("initiated"))]), api: false).status == 422)
            let notifications = try await sandbox.call(.get, "/sandbox/notifications?resource_id=\(payment.id)", api: false)
            #expect(notifications.status == 200 && notifications.keys() == ["notifications"] + Self.envelope)
            #expect(notifications.firstKeys("notifications") == ["id", "resource", "resource_id", "event_type", "url", "state", "body",
                                                                 "digest", "created_at", "attempts"])
            let fault = try await sandbox.call(.post, "/sandbox/faults", .object([("path", .string("/orders")), ("kind", .string("error")), ("status", .integer(503))]), api: false)
            #expect(fault.status == 201)
            #expect(fault.keys() == ["id", "method", "path", "kind", "remaining", "latency_ms", "status"])
            let faults = try await sandbox.call(.get, "/sandbox/faults", api: false)
            #expect(faults.status == 200 && faults.keys() == ["faults"] && faults.firstKeys("faults") == fault.keys())
            let settings = try await sandbox.call(.get, "/sandbox/settings", api: false)
            #expect(settings.status == 200 && settings.keys() == ["notification_format"])
            #expect(try await sandbox.call(.post, "/sandbox/settings", .object([("notification_format", .string("xml"))]), api: false).status == 422)
            let cleared = try await sandbox.call(.delete, "/sandbox/faults", api: false)
            #expect(cleared.status == 200 && cleared["faults"] == .array([]))
            #expect(try await sandbox.call(.get, "/sandbox/clock", key: nil, api: false).status == 401)
        }
    }

    @Test func developerTools() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.fixture.payment()
            let requests = try await sandbox.call(.get, "/sandbox/requests", api: false)
            #expect(requests.status == 200 && requests.keys() == ["requests"])
            #expect(try await sandbox.call(.get, "/sandbox/requests?limit=0", api: false).status == 422)
            // A host that is not loopback is taken as listening; a loopback port that refuses
            // connections (a killed fwpay listen) is dropped when looked at.
            let listener = try await sandbox.call(.post, "/sandbox/listener", .object([("url", .string("http://listener.example:8080/"))]), api: false)
            #expect(listener.status == 200 && listener["url"] == .string("http://listener.example:8080/"))
            let dead = try await sandbox.call(.post, "/sandbox/listener", .object([("url", .string("http://127.0.0.1:9/"))]), api: false)
            #expect(dead.status == 200 && dead["url"] == .string("http://listener.example:8080/"))
            #expect(try await sandbox.call(.post, "/sandbox/listener", .object([("url", .string("ftp://x"))]), api: false).status == 422)
            let removed = try await sandbox.call(.delete, "/sandbox/listener", api: false)
            #expect(removed.status == 200 && removed["url"] == .null)
            #expect(try await sandbox.call(.post, "/sandbox/notifications/999/resend", api: false).status == 404)
            let reset = try await sandbox.call(.post, "/sandbox/reset", api: false)
            #expect(reset.status == 200 && reset.keys() == ["deleted"])
            #expect(reset.keys("deleted") == ["orders", "payments", "sessions", "refunds", "refund_bundles", "notifications"])
            #expect(reset["deleted"]?["payments"] == .integer(1))
            #expect(try await sandbox.call(.post, "/sandbox/reset", key: nil, api: false).status == 401)
        }
    }

    @Test func webPages() async throws {
        try await withSandbox { sandbox in
            let signInPage = try await sandbox.call(.get, "/sign-in", key: nil, api: false)
            #expect(signInPage.status == 200 && signInPage.text.contains("api_key"))
            let away = try await sandbox.call(.get, "/dashboard", key: nil, api: false)
            #expect(away.status == 303 && away.headers[.location]?.hasPrefix("/sign-in?next=") == true)
            #expect(try await sandbox.call(.post, "/sign-in", key: nil, api: false, form: "api_key=wrong").status == 401)
            let signedIn = try await sandbox.call(.post, "/sign-in", key: nil, api: false, form: "api_key=sandbox-demo-key&next=%2Fdashboard")
            #expect(signedIn.status == 303 && signedIn.headers[.location] == "/dashboard")
            let cookie = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let payment = try await sandbox.fixture.payment()
            let dashboard = try await sandbox.call(.get, "/dashboard", key: nil, api: false, cookie: cookie)
            #expect(dashboard.status == 200 && dashboard.text.contains(payment.id))
            let root = try await sandbox.call(.get, "/", key: nil, api: false, cookie: cookie)
            #expect(root.status == 303 && root.headers[.location] == "/dashboard")
            let page = try await sandbox.call(.get, "/dashboard/payments/\(payment.id)", key: nil, api: false, cookie: cookie)
            #expect(page.status == 200 && page.text.contains(payment.id))
            #expect(try await sandbox.call(.post, "/dashboard/payments/\(payment.id)/cancel", key: nil, api: false, form: "csrf=wrong", cookie: cookie).status == 403)
            let new = try await sandbox.call(.get, "/merchant/sessions/new?recipient=FWU", key: nil, api: false, cookie: cookie)
            #expect(new.status == 200 && new.text.contains("csrf"))
            #expect(try await sandbox.call(.post, "/merchant/sessions", key: nil, api: false, form: "recipient_id=FWU&csrf=wrong", cookie: cookie).status == 403)
            #expect(try await sandbox.call(.post, "/sign-out", key: nil, api: false, form: "csrf=wrong", cookie: cookie).status == 403)
        }
    }
}
