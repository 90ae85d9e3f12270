// swift-tools-version:6.1
// fwpay: a Swift core exporting a C API for Flywire's Payments API, and fwpay-sandbox,
// a local stateful implementation of that API. The two share no code.
//
// The shared library is built by the Makefile (`make lib`), which adds -static-stdlib,
// the SONAME and the export map; see docs/building.md.
import PackageDescription

let package = Package(
    name: "fwpay",
    products: [
        .library(name: "fwpay", type: .dynamic, targets: ["FWPay"]),
        .executable(name: "fwpay-sandbox", targets: ["fwpay-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // System libraries. Each shim.h holds typed wrappers for the variadic C functions
        // Swift cannot call.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The C types of the public ABI (fwp_error, fwp_client_options, FWP_E_ codes) and
        // jansson, which they use. The Swift core compiles against them and
        // scripts/gen-header.py copies them into include/fwpay.h. (jansson.h has one owning
        // module: included by two, its enum constants become ambiguous to Swift.)
        .systemLibrary(name: "CFWPay", pkgConfig: "jansson", providers: [.apt(["libjansson-dev"])]),

        // libcrypto for the sandbox's digests (its own binding: the sandbox shares no code with the client).
        .systemLibrary(name: "CSandboxOpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // libcrypto for the client core (HMAC-SHA256 of notifications, constant-time compare).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // C that runs when libfwpay loads, before the Swift runtime linked into it (a NULL environ).
        // DWARF 4 like the Swift code's: Debian 12's valgrind cannot read clang's default DWARF 5.
        .target(name: "FWPayLoader", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // The client core, no Foundation.
        .systemLibrary(name: "CLinux"),
        .target(name: "FWPay", dependencies: ["CCurl", "CFWPay", "COpenSSL", "CLinux", "FWPayLoader"]),

        // The sandbox server: a library (routes, store, rules) and its executable.
        .target(
            name: "FWPaySandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                "CSandboxOpenSSL",
            ],
            // The web pages' templates are compiled into the binary: the sandbox serves its
            // pages wherever it is installed, with no files beside it. (The OpenAPI description
            // is a string literal instead, Generated/OpenAPIText.swift: as bytes it took 20 s to compile.)
            resources: [.embedInCode("Templates")]
        ),
        .executableTarget(
            name: "fwpay-sandbox",
            dependencies: [
                "FWPaySandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // The Swift tests live beside the other suites, under tests/ (names that differ only by
        // case, Tests and tests, would collide on case-insensitive file systems).
        .testTarget(name: "FWPayTests", dependencies: ["FWPay", "CFWPay"], path: "tests/swift/FWPayTests"),
        .testTarget(name: "FWPaySandboxTests", dependencies: [
            "FWPaySandbox", .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ], path: "tests/swift/FWPaySandboxTests"),
    ]
)
