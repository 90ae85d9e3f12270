import CFWPay

/// fwpay-sandbox's control API: its clock, transitions, faults, reset, request log,
/// notifications, settings and listener (docs/openapi.json's /sandbox operations, which
/// api/operations.json gives their faces). SANDBOX-ONLY: Flywire's API has none of it, so a
/// client of Flywire's base URLs refuses these calls before sending. The paths are below the
/// root of the base URL, beside /payments/v1, and go with the client's own key.
public struct SandboxControl: Sendable {
    let transport: Transport

    /// `method` to `template` ("/sandbox/payments/{payment_reference}/transition") with its
    /// path parameters filled in order from `path`, and `parameters` as the query of a GET or
    /// DELETE (a JSON object of strings, numbers and booleans) or the body of a POST.
    public func call(_ method: HTTPMethod, _ template: String, path: [String], parameters: JSONValue?,
                     options: CallOptions = .standard) throws(FWPayError) -> Reply {
        let base = transport.settings.baseURL
        guard base != FWP_BASE_URL_PRODUCTION, base != FWP_BASE_URL_SANDBOX else {
            throw FWPayError(.invalidArgument, "the sandbox control API is fwpay-sandbox's (sandbox-only); this client's base URL is Flywire's")
        }
        var filled = ""
        var values = path.makeIterator()
        for (index, piece) in template.split(separator: "{", omittingEmptySubsequences: false).enumerated() {
            guard index > 0 else { filled += piece; continue }
            let name = String(piece.prefix(while: { $0 != "}" }))
            guard let value = values.next() else { throw FWPayError(.invalidArgument, "\(name) is required") }
            guard !value.isEmpty else { throw FWPayError(.invalidArgument, "\(name) must not be empty") }
            filled += QueryString.encode(value) + piece.dropFirst(name.count + 1)
        }
        var body: [UInt8]?
        if method == .post {
            body = try (parameters ?? .object(JSONObject())).serialized()
        } else if let parameters, parameters != .null {
            guard case .object(let members) = parameters else {
                throw FWPayError(.invalidArgument, "parameters must be a JSON object, not \(parameters.typeName)")
            }
            var query = QueryString()
            for (name, value) in members.members {
                switch value {
                case .string(let text): query.add(name, text)
                case .null: continue
                default: query.add(name, String(decoding: try value.serialized(), as: UTF8.self))
                }
            }
            filled += query.text
        }
        return try transport.send(HTTPRequest(method: method, path: filled, template: template, body: body,
                                              idempotencyKey: method == .post ? options.keyForPost : nil, atRoot: true), options: options)
    }
}
