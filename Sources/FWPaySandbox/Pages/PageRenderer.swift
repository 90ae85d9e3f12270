import HTTPTypes
import Hummingbird
import Mustache

/// The web pages' Mustache templates, parsed once at start-up from the copies compiled into
/// the binary (`Templates/`). `{{value}}` escapes HTML, so page data is never markup.
struct PageRenderer: Sendable {

    private let library: MustacheLibrary

    init() throws {
        let sources: [(String, [UInt8])] = [
            ("layout", PackageResources.layout_mustache),
            ("merchant_header", PackageResources.merchant_header_mustache),
            ("message", PackageResources.message_mustache),
            ("sign_in", PackageResources.sign_in_mustache),
            ("create_session", PackageResources.create_session_mustache),
            ("session_created", PackageResources.session_created_mustache),
            ("dashboard", PackageResources.dashboard_mustache),
            ("payment", PackageResources.payment_mustache),
            ("requests", PackageResources.requests_mustache),
            ("payer_form", PackageResources.payer_form_mustache),
            ("payer_sent", PackageResources.payer_sent_mustache),
            ("payer_closed", PackageResources.payer_closed_mustache),
            ("tracking", PackageResources.tracking_mustache),
        ]
        var library = MustacheLibrary()
        for (name, bytes) in sources {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        self.library = library
    }

    /// An HTML page. Merchant pages refuse to be framed; the payer's form is made to be
    /// embedded (seed 003), so `embeddable` lets any page frame it.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, embeddable: Bool = false) -> Response {
        var values = values
        if values["lang"] == nil { values["lang"] = "en" }
        let html = library.render(values, withTemplate: template) ?? "template \(template) is missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if !embeddable { headers[HTTPField.Name("X-Frame-Options")!] = "DENY" }
        // Everything is inline and local: the pages work offline and load nothing from elsewhere.
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:; form-action 'self'; base-uri 'none'" + (embeddable ? "" : "; frame-ancestors 'none'")
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `location`: after a form post, so that reloading does not post again.
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}
