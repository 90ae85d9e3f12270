import Foundation

/// The shapes of the identifiers the sandbox makes (flywire-api.md §1), from the system's
/// CSPRNG (`random(in:)` and `randomElement`'s default). The store picks one that is unused.
enum RandomIdentifier {
    /// `count` random hex digits (tokens, sign-ins).
    static func hex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// A payment reference: the recipient id and nine digits (FWU744586810).
    static func paymentReference(_ recipient: String) -> String {
        recipient + String(Int.random(in: 100_000_000...999_999_999))
    }

    /// A refund id: R, the recipient id and nine digits (RFLW123456789).
    static func refund(_ recipient: String) -> String {
        "R" + paymentReference(recipient)
    }

    /// A refund bundle id: BUDR, six digits, two letters (BUDR123456HG).
    static func bundle() -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "BUDR" + String(Int.random(in: 100_000...999_999)) + String((0..<2).map { _ in letters.randomElement()! })
    }

    /// "MCRUC20230330uAM584YC": MC, the recipient, the date, eight random characters.
    static func mandate(_ recipient: String, now: Double) -> String {
        let today = SandboxClock.date(now)
        let date = String(format: "%04d%02d%02d", today.year, today.month, today.day)
        let characters = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789")
        return "MC" + recipient + date + String((0..<8).map { _ in characters.randomElement()! })
    }
}
