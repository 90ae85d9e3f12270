import Foundation
import Hummingbird

/// The hosted form a payer fills in (the session's `hosted_form.url`): no API key, the
/// session id is what the payer holds. Submitting it answers what the embedding page gets as
/// a postMessage (seed 003): `{source, success, confirm_url: {url, method}, payor: {email}}`.
struct HostedFormController {
    let database: SandboxDatabase

    var routes: RouteCollection<SandboxRequestContext> {
        RouteCollection(context: SandboxRequestContext.self)
            .get(use: show)
            .post(use: submit)
    }

    func show(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let session = try await openSession(request)
        let prefill = session.request["payor"]
        func field(_ name: String, _ label: String, _ value: String = "") -> String {
            let given = value.isEmpty ? (prefill?[name]?.string ?? "") : value
            return "<p><label for=\"\(name)\">\(label)</label><br><input id=\"\(name)\" name=\"\(name)\" value=\"\(escape(given))\"></p>"
        }
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Pay \(escape(session.recipientID))</title></head><body>
            <h1>Payment to \(escape(session.recipientID))</h1>
            <p>\(session.amount) (\(escape(session.currency)) subunits)</p>
            <form method="post" action="/checkout/form?session_id=\(session.id)">
            \(field("first_name", "First name"))\(field("last_name", "Last name"))\(field("email", "Email"))\(field("country", "Country"))
            \(field("card_holder", "Card holder"))\(field("card_number", "Card number"))\(field("card_expiration", "Expiry (MM/YY)"))\(field("cvv", "CVV"))
            <p><button type="submit">Save</button></p></form></body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func submit(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let session = try await openSession(request)
        let form = try await fields(of: request, context: context)
        let errors = PayerForm.errors(form, now: database.clock.now())
        guard errors.isEmpty else {
            throw Problem.invalid(errors.sorted { $0.key < $1.key }.map {
                Problem.Entry(source: $0.key, param: $0.key, type: "invalid_param", message: $0.value)
            })
        }
        if session.request["charge_intent"]?["capture"]?.string == "manual",
           let country = form["country"], Currency.of(country: country)?.code != session.currency {
            throw Problem.invalid(source: "country", param: "country", "pre-authorization needs a card in \(session.currency), the recipient's currency")
        }
        _ = try await database.submitForm(session: session.id, form: form)
        return .json(.object([
            ("source", .string("checkout_session")), ("success", .bool(true)),
            ("confirm_url", .object([
                ("url", .string("\(request.sandboxBaseURL)\(apiBasePath)/checkout/sessions/\(session.id)/confirm")),
                ("method", .string("POST")),
            ])),
            ("payor", .object([("email", .string(form["email"] ?? ""))])),
        ]))
    }

    private func openSession(_ request: Request) async throws -> SessionRecord {
        guard let id = request.query("session_id"), id.count <= 64, let session = try await database.session(id) else {
            throw Problem.notFound("Checkout session not found")
        }
        if session.status == .open, database.clock.now() > session.expiresAt {
            throw Problem(status: .gone, title: "Gone", detail: "This checkout session has expired")
        }
        return session
    }

    /// The submitted fields, from JSON or from an HTML form post.
    private func fields(of request: Request, context: SandboxRequestContext) async throws -> [String: String] {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            let buffer = try await request.body.collect(upTo: 64 * 1024)
            let text = String(buffer: buffer)
            var fields: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                if parts.count == 2 { fields[parts[0]] = parts[1] } else if parts.count == 1 { fields[parts[0]] = "" }
            }
            return fields
        }
        let body = try await request.jsonObject(context: context)
        var fields: [String: String] = [:]
        for (key, value) in body.members ?? [] {
            if let text = value.string { fields[key] = text } else if let number = value.integer { fields[key] = String(number) }
        }
        return fields
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
