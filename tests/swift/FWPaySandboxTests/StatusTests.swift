import Foundation
import GRDB
import Testing

@testable import FWPaySandbox

/// Each status enum allows exactly what its table's CHECK constraint (or status trigger)
/// allows, so that a status added on one side only fails here.
@Suite struct StatusTests {
    /// The quoted values of every `IN (...)` list in the schema of `name` (a table or trigger)
    /// that follows `column`.
    func allowed(_ fixture: SandboxFixture, _ name: String, column: String) throws -> [[String]] {
        let sql = try fixture.database.lookup { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE (name = ? OR tbl_name = ?) AND sql IS NOT NULL", arguments: [name, name])
        }.joined(separator: "\n")
        var lists: [[String]] = []
        var rest = Substring(sql)
        while let start = rest.range(of: "\(column) NOT IN (") ?? rest.range(of: "\(column) IN (") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: ")") else { break }
            lists.append(tail[..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'")) })
            rest = tail[end...]
        }
        return lists
    }

    func expectSame<Status: RawRepresentable & CaseIterable>(_ type: Status.Type, _ lists: [[String]]) where Status.RawValue == String {
        #expect(!lists.isEmpty)
        for list in lists { #expect(list.sorted() == Status.allCases.map(\.rawValue).sorted()) }
    }

    @Test func enumsMatchTheDatabaseChecks() async throws {
        let fixture = try await SandboxFixture()
        expectSame(PaymentStatus.self, try allowed(fixture, "payment", column: "status"))
        expectSame(RefundStatus.self, try allowed(fixture, "refund", column: "status"))
        expectSame(OrderStatus.self, try allowed(fixture, "order", column: "status"))
        expectSame(SessionStatus.self, try allowed(fixture, "session", column: "status"))
        expectSame(RefundBundleStatus.self, try allowed(fixture, "refund_bundle", column: "status"))
        expectSame(NotificationState.self, try allowed(fixture, "notification", column: "state"))
    }

    @Test func aStatusOutsideTheListIsRefusedByTheDatabase() async throws {
        let fixture = try await SandboxFixture()
        let payment = try await fixture.payment()
        let refused = await #expect(throws: DatabaseError.self) {
            try await fixture.database.write { db in try db.execute(sql: "UPDATE payment SET status = 'bogus' WHERE id = ?", arguments: [payment.id]) }
        }
        #expect(refused?.message?.contains("payment status") == true)
    }
}

/// Where notifications may go by default, and which Host names are answered (L9, L15).
@Suite struct LoopbackTests {
    @Test func addressesAreParsedNotMatchedByPrefix() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"] { #expect(Loopback.contains(host), "\(host)") }
        for host in ["127.attacker.example", "127.0.0.1.evil.com", "128.0.0.1", "0x7f000001", "example.com", "", "::2"] {
            #expect(!Loopback.contains(host), "\(host)")
        }
        #expect(Loopback.host(ofAuthority: "127.0.0.1:8080") == "127.0.0.1")
        #expect(Loopback.host(ofAuthority: "[::1]:80") == "[::1]")
        #expect(Loopback.host(ofAuthority: "evil.example") == "evil.example")
        // The whole header goes into links: anything but a host and an all-digit port is refused (N5).
        for malformed in ["127.0.0.1:1@evil.example", "127.0.0.1:1/evil", "localhost:80#@evil.example", "localhost:", "[::1", "a b", "127.0.0.1:123456"] {
            #expect(Loopback.host(ofAuthority: malformed) == nil)
        }
    }
}
