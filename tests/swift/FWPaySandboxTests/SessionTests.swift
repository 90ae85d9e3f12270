import Testing

@testable import FWPaySandbox

/// Checkout sessions (seed 003): creation rules with their error bodies, warnings, expiry,
/// the payer's form, confirmation, pre-authorizations and token charges.
@Suite struct SessionTests {
    let fwu = RecipientRecord(id: "FWU", name: "Flywire University", country: "US", currency: "USD",
                              minimumAmount: 5_000, maximumAmount: 5_000_000,
                              fields: #"[{"id":"custom_field_1","label":"Student ID","required":true}]"#)

    func body(_ members: [(String, JSON)]) -> JSON {
        var base: [(String, JSON)] = [
            ("type", .string("one_off")), ("recipient_id", .string("FWU")),
            ("recipient", .object([("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])),
            ("items", .array([.object([("id", .string("default")), ("amount", .integer(33_000))])])),
        ]
        for (key, value) in members {
            if let index = base.firstIndex(where: { $0.0 == key }) { base[index].1 = value } else { base.append((key, value)) }
        }
        return .object(base)
    }

    func errors(_ members: [(String, JSON)]) -> [String] {
        do { _ = try SessionRules.validate(body(members), recipient: fwu); return [] } catch {
            return ((error as? Problem)?.errors ?? []).map { "\($0.source) \($0.type): \($0.message)" }
        }
    }

    @Test func rules() {
        #expect(errors([]) == [])
        #expect(errors([("type", .string("weekly"))]).first?.hasPrefix("/type invalid_param: must be one of one_off") == true)
        #expect(errors([("type", .string("tokenization_and_pay")), ("charge_intent", .object([("mode", .string("unscheduled"))])),
                        ("items", .array([.object([("id", .string("tuition")), ("amount", .integer(33_000))])]))])
                == ["/items invalid_param: must hold exactly one item, with id \"default\""])
        let manual = errors([("type", .string("tokenization_and_pay")),
                             ("charge_intent", .object([("capture", .string("manual")), ("mode", .string("unscheduled"))]))])
        #expect(manual.contains("/charge_intent/authorization missing_param: is required for manual capture"))
        #expect(manual.contains("/schema invalid_param: must be cards: only card payments can be pre-authorized"))
        // One_off is what both real pre-authorization integrations send (real-api-evidence.md §2 row 1).
        #expect(errors([("charge_intent", .object([("mode", .string("one_off")), ("capture", .string("manual")), ("authorization", .string("preauth"))])),
                        ("schema", .string("cards"))]) == [])
        #expect(errors([("type", .string("recurring")), ("charge_intent", .object([("mode", .string("unscheduled")), ("capture", .string("manual")),
                                                                                   ("authorization", .string("final"))])), ("schema", .string("cards"))])
                == ["/charge_intent/capture invalid_param: manual capture (pre-authorization) needs type one_off or tokenization_and_pay"])
        // A pre-filled payer from another country is editable: it never fails the session (seed 003).
        let foreign = errors([("type", .string("tokenization_and_pay")), ("schema", .string("cards")),
                              ("charge_intent", .object([("capture", .string("manual")), ("authorization", .string("preauth")), ("mode", .string("installment"))])),
                              ("payor", .object([("country", .string("ES"))]))])
        #expect(foreign == [])
        #expect(errors([("options", .object([("form", .object([("locale", .string("xx"))]))]))]).first?.hasPrefix("/options/form/locale") == true)
        #expect(errors([("options", .object([("form", .object([("action_button", .string(String(repeating: "x", count: 51)))]))]))]).count == 1)
        #expect(errors([("options", .object([("form", .object([("action_button", .string("Book now"))]))]))]) == [])
        #expect(errors([("external_reference", .string(String(repeating: "r", count: 51)))]) == ["/external_reference invalid_param: is longer than 50 characters"])
        #expect(errors([("payor_id", .string("has space"))]) == ["/payor_id invalid_param: must be a string without spaces"])
        #expect(errors([("items", .array([.object([("amount", .integer(100))])]))]) == ["/items invalid_param: Amount must be greater than $50.00"])
        #expect(errors([("recipient", .object([]))]) == ["/recipient/fields/custom_field_1 missing_param: is required"])
        #expect(errors([("type", .string("tokenization")), ("items", .null)]) == [])
    }

    @Test func invalidPrefillIsAWarning() throws {
        let session = try SessionRules.validate(body([("payor", .object([("email", .string("nope")), ("country", .string("XX")), ("phone", .string("call me"))]))]),
                                                recipient: fwu)
        #expect(session.warnings.map { $0["source"]?.string } == ["email", "country", "phone"])
        #expect(session.warnings.first == .object([("source", .string("email")),
                                                   ("errors", .array([.object([("text", .string("must be a valid email")), ("error_type", .string("invalid_email"))])]))]))
    }

    @Test func payerForm() {
        #expect(PayerForm.errors(SandboxFixture.form(), now: 0).isEmpty)
        var form = SandboxFixture.form()
        form["card_number"] = "4000 0000 0000 0002"
        form["cvv"] = "1"
        form["email"] = "x"
        form.removeValue(forKey: "last_name")
        let errors = PayerForm.errors(form, now: 0)
        #expect(errors["card_number"]?.hasPrefix("is not a test card") == true)
        #expect(errors["email"] == "must be a valid email" && errors["last_name"] == "is required")
        form = SandboxFixture.form()
        form["card_expiration"] = "01/20"
        #expect(PayerForm.errors(form, now: 1_900_000_000)["card_expiration"] == "has passed")
        form["cvv"] = "737"
        form["card_number"] = "3700 0000 0000 002"
        form["card_expiration"] = "03/30"
        #expect(PayerForm.errors(form, now: 0)["cvv"] == "must be 4 digits")
    }

    @Test func confirmNeedsTheFormAndExpiresAfter1800Seconds() async throws {
        let sandbox = try await SandboxFixture()
        let first = try await sandbox.createSession(body([]))
        let early = await problem { try await sandbox.confirm(first.id, of: sandbox.demo) }
        #expect(early?.errors.first?.message == "cannot be confirmed before the payer has sent the form")
        #expect(await problem { try await sandbox.confirm(first.id, of: sandbox.other) }?.status == .notFound)
        _ = try await sandbox.database.advanceClock(by: 1_801, of: sandbox.demo)
        #expect(await problem { try await sandbox.database.submitForm(session: first.id, form: SandboxFixture.form()) }?.errors.first?.message == "has expired")
        #expect(await problem { try await sandbox.confirm(first.id, of: sandbox.demo) }?.errors.first?.message == "has expired")

        let second = try await sandbox.createSession(body([]))
        _ = try await sandbox.database.submitForm(session: second.id, form: SandboxFixture.form())
        let answer = try await sandbox.confirm(second.id, of: sandbox.demo)
        let reference = try #require(answer["payment_reference"]?.string)
        #expect(answer["charge_info"] == .object([("amount", .integer(33_000)), ("currency", .string("USD"))]))
        #expect(answer["mandate"] == nil)  // one_off saves no card
        #expect(try sandbox.status(reference) == .guaranteed)
        #expect(await problem { try await sandbox.confirm(second.id, of: sandbox.demo) }?.errors.first?.message
                == "has already been confirmed (payment \(reference))")
    }

    @Test func declinedCardsFailThePayment() async throws {
        let sandbox = try await SandboxFixture()
        let reference = try await sandbox.preauthorization(holder: "MAGICVALUE NOT ENOUGH BALANCE")
        let payment = try #require(try sandbox.database.payment(reference, of: sandbox.demo))
        #expect(payment.status == .failed && payment.reason == "insufficient_funds" && payment.reasonCode == "51")
    }

    @Test func preauthorizationHoldCaptureAndAdjust() async throws {
        let sandbox = try await SandboxFixture()
        let reference = try await sandbox.preauthorization(amount: 60_000)
        #expect(try sandbox.status(reference) == .authorized)
        #expect(await problem { try await sandbox.database.adjustAuthorization(reference, amount: 50_000, of: sandbox.demo) }?.errors.first?.message
                == "can only be raised; the held amount is $600.00")
        _ = try await sandbox.database.adjustAuthorization(reference, amount: 60_000, of: sandbox.demo)  // equal: extends the hold
        _ = try await sandbox.database.advanceClock(by: 6 * 86_400, of: sandbox.demo)
        _ = try await sandbox.database.adjustAuthorization(reference, amount: 70_000, of: sandbox.demo)
        _ = try await sandbox.database.advanceClock(by: 6 * 86_400, of: sandbox.demo)
        #expect(try sandbox.status(reference) == .adjusted)  // 12 days, but each adjustment restarted the hold
        #expect(await problem { try await sandbox.database.capture(reference, amount: 70_001, of: sandbox.demo) }?.errors.first?.message
                == "is more than the authorized amount of $700.00")
        let captured = try await sandbox.database.capture(reference, amount: 50_000, of: sandbox.demo)
        #expect(captured.capturedAmount == 50_000 && captured.amountTo == 50_000 && captured.status == .guaranteed)
        #expect(await problem { try await sandbox.database.capture(reference, amount: 1, of: sandbox.demo) }?.errors.first?.message == "has already been captured")
    }

    @Test func holdsExpireAfterSevenDaysAndFinalCannotBeAdjusted() async throws {
        let sandbox = try await SandboxFixture()
        let expiring = try await sandbox.preauthorization()
        let final = try await sandbox.preauthorization(authorization: "final")
        #expect(await problem { try await sandbox.database.adjustAuthorization(final, amount: 70_000, of: sandbox.demo) }?.errors.first?.message
                == "is final; only preauth authorizations can be adjusted")
        #expect(try await sandbox.database.cancelPayment(final, of: sandbox.demo).status == .cancelled)  // released at once
        _ = try await sandbox.database.advanceClock(by: 7 * 86_400 + 1, of: sandbox.demo)
        let expired = try #require(try sandbox.database.payment(expiring, of: sandbox.demo))
        #expect(expired.status == .expired && expired.reason == "authorization_expired")
    }

    @Test func tokenChargesUseTheSavedCard() async throws {
        let sandbox = try await SandboxFixture()
        let reference = try await sandbox.preauthorization()
        let original = try #require(try sandbox.database.payment(reference, of: sandbox.demo))
        let token = try #require(original.token), mandate = try #require(original.mandateID)
        let charge: JSON = .object([("payment_method_token", .string(token)), ("mandate_id", .string(mandate)),
                                    ("charge_intent", .object([("mode", .string("unscheduled"))])), ("recipient", .object([("id", .string("FWU"))])),
                                    ("items", .array([.object([("amount", .integer(10_000))])]))])
        let answer = try await sandbox.chargeToken(charge, of: sandbox.demo)
        #expect(answer["charge_result"]?["status"] == .string("success"))
        #expect(await problem { try await sandbox.chargeToken(charge, of: sandbox.other) }?.errors.first?.source == "/payment_method_token")
        let wrongMandate = charge.setting("mandate_id", .string("MCFWU20260101xxxxxxxx"))
        #expect(await problem { try await sandbox.chargeToken(wrongMandate, of: sandbox.demo) }?.errors.first?.source == "/payment_method_token")
        let missing = await problem { try await sandbox.chargeToken(.object([]), of: sandbox.demo) }
        #expect(missing?.errors.map(\.source) == ["/payment_method_token", "/mandate_id", "/charge_intent/mode", "/items"])
    }
}
