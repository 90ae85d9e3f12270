// libFuzzer harness: the sandbox's own request-body parser (Sources/FWPaySandbox/Domain/
// JSONParser.swift), the only parser facing the network that the client's fuzzers do not
// reach (security review). Built by tests/fuzz/run.sh with swiftc -sanitize=fuzzer,address
// from the parser's two files alone. Nothing may crash; what parses must write back to text
// that parses to the same value.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSandboxJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let text = value.text
    guard let again = try? JSON.parse(text), again == value else {
        fatalError("the sandbox wrote \(text.prefix(200)) for a value it cannot read back the same")
    }
    return 0
}
