import Hummingbird

/// Reading small values out of requests, with the problem a client should see.
extension Request {
    /// A query parameter, nil when absent or empty.
    func query(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The sandbox's own address as the client reached it ("http://127.0.0.1:8080").
    var sandboxBaseURL: String {
        "http://" + (head.authority ?? "127.0.0.1")
    }
}
