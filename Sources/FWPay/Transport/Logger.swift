#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where a client's log lines go. Lines name methods, paths, statuses, timings and retries;
/// they never carry the API key, a shared secret or a body.
public struct Logger: Sendable {
    public enum Level: Int32, Sendable, Comparable {
        case error = 0, warning = 1, info = 2, debug = 3
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let level: Level
    let sink: (@Sendable (Level, String) -> Void)?
    /// Text that must never be logged (the API key); replaced if it ever appears.
    let secrets: [String]

    public init(level: Level = .warning, secrets: [String] = [], sink: (@Sendable (Level, String) -> Void)?) {
        self.level = level
        self.secrets = secrets.filter { !$0.isEmpty }
        self.sink = sink
    }

    static let none = Logger(sink: nil)

    func log(_ lineLevel: Level, _ line: @autoclosure () -> String) {
        guard let sink, lineLevel <= level else { return }
        var text = line()
        for secret in secrets { text = text.redacting(secret) }
        sink(lineLevel, text)
    }

    /// The logger of a client made without a log callback: FWPAY_LOG=debug, info, warning or
    /// error writes the lines of that level and above to stderr ("fwpay info GET /orders 200
    /// ..."), in every language that loads the library; unset (or any other value), nothing.
    /// One write(2) per line, so lines of threads never interleave.
    static func fromEnvironment(secrets: [String]) -> Logger? {
        guard let raw = getenv("FWPAY_LOG"),
              let chosen = Level(named: String(decoding: UnsafeRawBufferPointer(start: raw, count: strnlen(raw, 16)), as: UTF8.self).lowercased())
        else { return nil }
        return Logger(level: chosen, secrets: secrets, sink: standardError)
    }

    /// Writes "fwpay LEVEL LINE" to stderr, in one write(2).
    static let standardError: @Sendable (Level, String) -> Void = { level, line in
        let text = Array("fwpay \(level.name) \(line)\n".utf8)
        text.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}

extension Logger.Level {
    /// The level a name says ("debug", "info", "warning", "error"), as FWPAY_LOG and the
    /// settings' "log_level" name them.
    init?(named name: String) {
        switch name {
        case "debug": self = .debug
        case "info": self = .info
        case "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "info"
        case .debug: "debug"
        }
    }
}
