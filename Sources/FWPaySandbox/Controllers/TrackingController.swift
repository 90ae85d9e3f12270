import Foundation
import Hummingbird

/// The payer's tracking page [S]: where `metadata.tracking_url` of GET /payments/{ref} leads
/// (real-api-evidence.md §4 D: integrations show the link to the payer). It shows the payment's
/// status, amount and history, never card data, and opens only with the token the API gave.
struct TrackingController {
    let database: SandboxDatabase
    let pages: PageRenderer

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(":reference", use: show)
    }

    /// The tracking page's address for `payment`, at the sandbox's address as the client reached it.
    static func url(of payment: PaymentRecord, client: ClientRecord, base: String) -> String {
        "\(base)/track/\(payment.id)?token=\(Digest.trackingToken(payment: payment.id, secret: client.sharedSecret))"
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let reference = try context.parameters.require("reference")
        // An unknown payment and a wrong token look the same: a page cannot tell which payments exist.
        guard let payment = try database.payment(tracked: reference), let client = database.client(id: payment.clientID),
              let token = request.query("token"),
              Digest.equalInConstantTime(token, Digest.trackingToken(payment: payment.id, secret: client.sharedSecret)) else {
            return pages.page("message", ["heading": "Payment not found",
                                          "message": "This tracking link is not valid. Ask the merchant for the link to your payment."],
                              status: .notFound)
        }
        let history = try await database.history(of: payment.id)
        let currency = Currency.named(payment.currencyFrom)
        return pages.page("tracking", [
            "reference": payment.id, "status": payment.status.rawValue, "detail": PaymentWire.statusDetail(payment),
            "amount": currency.map { $0.format(payment.amountFrom) } ?? "\(payment.amountFrom) \(payment.currencyFrom)",
            "recipient": database.recipient(payment.recipientID)?.name ?? payment.recipientID,
            "history": history.map { ["at": $0.at, "status": $0.status.rawValue] },
        ])
    }
}
