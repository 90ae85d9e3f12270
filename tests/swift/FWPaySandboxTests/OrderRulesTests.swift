import Foundation
import Testing

@testable import FWPaySandbox

/// The sandbox's order rules (seed 002), offers and currencies, without HTTP.
@Suite struct OrderRulesTests {
    let fwu = RecipientRecord(id: "FWU", name: "Flywire University", country: "US", currency: "USD",
                              minimumAmount: 5_000, maximumAmount: 5_000_000,
                              fields: #"[{"id":"custom_field_1","label":"Student ID","required":true}]"#)

    func body(country: String = "ES", amount: Int64 = 120_000, extra: [(String, JSON)] = []) -> JSON {
        let offer = Offer(amount: amount, method: .bankTransfer, currency: Currency.of(country: country)!, country: country)
        return .object([
            ("payer", .object([("country", .string(country))])),
            ("recipient", .object([("id", .string("FWU")), ("fields", .array([.object([("id", .string("custom_field_1")), ("value", .string("X"))])]))])),
            ("items", .array([.object([("id", .string("tuition")), ("amount", .integer(amount))])])),
            ("offer", .object([("id", .string(offer.id))])),
        ] + extra)
    }

    func problem(_ body: JSON) -> Problem? {
        do { _ = try OrderRules.validate(body, recipient: fwu, title: "Bad Request"); return nil } catch { return error as? Problem }
    }

    @Test func validOrderPasses() throws {
        let order = try OrderRules.validate(body(), recipient: fwu, title: "Bad Request")
        #expect(order.payerCountry == "ES")
    }

    @Test func amountBelowTheMinimumUsesSeed002sMessage() {
        let found = problem(body(amount: 1_000))
        #expect(found?.status == .unprocessableContent)
        #expect(found?.title == "Bad Request")
        #expect(found?.errors.first?.source == "/recipient/items")
        #expect(found?.errors.first?.message == "Amount must be greater than $50.00")
        #expect(problem(body(amount: 6_000_000))?.errors.first?.message == "Amount must be less than $50,000.00")
    }

    @Test func offerMustMatchThePayerCountry() {
        var mismatched = body()
        mismatched = mismatched.setting("payer", .object([("country", .string("FR"))]))
        #expect(problem(mismatched)?.errors.map(\.source) == ["/offer/id"])
        let forged = body().setting("offer", .object([("id", .string("bm90IGFuIG9mZmVy"))]))
        #expect(problem(forged)?.errors.first?.message == "is invalid")
    }

    @Test func everyBrokenRuleIsReported() {
        let broken: JSON = .object([("items", .array([.object([("amount", .string("1"))])])),
                                    ("metadata", .object((0..<21).map { ("k\($0)", .string("v")) }))])
        let sources = problem(broken)?.errors.map(\.source) ?? []
        #expect(sources.contains("/payer"))
        #expect(sources.contains("/items/0/amount"))
        #expect(sources.contains("/offer/id"))
        #expect(sources.contains("/recipient/fields/custom_field_1"))
        #expect(sources.contains("/metadata"))
    }

    @Test func mergeKeepsTheRecipientID() {
        let merged = OrderRules.merge(.object([("recipient", .object([("fields", .array([]))])), ("metadata", .object([]))]), into: body())
        #expect(merged["recipient"]?["id"] == .string("FWU"))
        #expect(merged["recipient"]?["fields"] == .array([]))
        #expect(merged["metadata"] == .object([]))
    }

    @Test func offerIDsRoundTrip() {
        let offer = Offer(amount: 10_000, method: .card, currency: Currency.named("CAD")!, country: "CA")
        #expect(Offer(id: offer.id) == offer)
        #expect(Offer(id: "MTAwMDAgcHRfYmFua190cmFuc2Zlcl9jYWQgRVM=")?.country == "ES")  // Flywire's own example
        #expect(Offer(id: "%%%") == nil)
    }

    @Test func currencies() {
        let usd = Currency.named("USD")!, jpy = Currency.named("JPY")!, bhd = Currency.named("BHD")!
        #expect(usd.format(5_000) == "$50.00")
        #expect(usd.format(123_456_789) == "$1,234,567.89")
        #expect(jpy.format(5_000) == "¥5,000")
        #expect(bhd.format(10_000) == "BHD 10.000")
        // What classic callbacks carry: major units without grouping.
        #expect(usd.decimal(150_000) == "1500.00" && jpy.decimal(1_500) == "1500" && bhd.decimal(12_345) == "12.345")
        #expect(Currency.named("VND")!.decimal(15_005) == "1500.5" && usd.decimal(-5) == "-0.05")
        #expect(Currency.named("VND")!.subunits == 10)
        #expect(usd.convert(10_000, to: usd) == 10_000)
        #expect(usd.convert(10_000, to: jpy) == 15_150)  // $100 at 150 ¥/$ plus 1 %
    }
}
