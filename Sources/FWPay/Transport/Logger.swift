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
        for secret in secrets where text.contains(secret) { text = text.replacing(secret, with: "[REDACTED]") }
        sink(lineLevel, text)
    }
}
