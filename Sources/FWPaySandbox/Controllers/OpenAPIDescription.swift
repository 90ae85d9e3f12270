import Hummingbird

/// GET /openapi.json: the OpenAPI 3.1 description of everything the sandbox serves
/// (docs/openapi.json, compiled in as Generated/OpenAPIText.swift). make test validates it,
/// compares it with the library's header and runs schemathesis against a sandbox with it
/// (tests/openapi).
enum OpenAPIDescription {
    static let response: Response = {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIText.json + "\n")))
    }()
}
