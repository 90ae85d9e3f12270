import Synchronization

/// An operation started without waiting for it (fwp_call_start), driven on the client's I/O
/// thread by replaying it.
///
/// An operation is the same code as its blocking form (a resource method, which checks its
/// arguments and then sends one request, or several: a search walks pages). To run it without
/// a thread, it is run against a transport that answers from a log (ReplayLog): each run goes
/// as far as the answers so far take it; the first request beyond them is sent by the engine,
/// and when its answer comes, the operation runs again from the start with one answer more.
/// The runs are cheap (checks and building a request) next to a round trip, and the blocking
/// and started forms of an operation cannot drift apart: there is one form.
///
/// Each run must make the same requests given the same answers: the caller's idempotency key,
/// or one chosen before the first run, makes a POST's request the same every time.
final class StartedCall: @unchecked Sendable {
    typealias Operation = @Sendable (Client) throws(FWPayError) -> Reply

    /// Unique in the process; fwp_call_cancel names the call by it.
    let id: UInt64
    /// The caller's tag, which the call's telemetry events carry.
    private let tag: UInt64
    private let client: Client
    private let operation: Operation
    private let ended: (Result<Reply, FWPayError>) -> Void
    /// The answers of the requests sent so far, in order. Touched by one thread at a time:
    /// the caller's for the first run, then the I/O thread's.
    private var answers: [Result<Reply, FWPayError>] = []

    private static let lastID = Atomic<UInt64>(0)

    /// A new id for a request sent from the I/O thread (a call's, or an iterator step's).
    static func newID() -> UInt64 {
        lastID.add(1, ordering: .relaxed).newValue
    }

    private init(client: Client, tag: UInt64, operation: @escaping Operation, ended: @escaping (Result<Reply, FWPayError>) -> Void) {
        id = Self.newID()
        self.tag = tag
        self.client = client
        self.operation = operation
        self.ended = ended
    }

    /// Starts `operation`: throws what it throws before sending anything (a bad argument), and
    /// then nothing is started; otherwise `ended` is called once, on the I/O thread, with how
    /// the operation ended, and the call's id is returned.
    static func start(on client: Client, tag: UInt64, _ operation: @escaping Operation,
                      ended: @escaping (Result<Reply, FWPayError>) -> Void) throws(FWPayError) -> UInt64 {
        let call = StartedCall(client: client, tag: tag, operation: operation, ended: ended)
        if case .failure(let error) = call.advance(), call.answers.isEmpty { throw error }
        return call.id
    }

    /// Cancels the call's request in flight (it ends with `cancelled` or outcome-unknown).
    static func cancel(_ id: UInt64, on client: Client) {
        client.transport.cancel(call: id)
    }

    /// Runs the operation with the answers so far: it sends its next request, or it ends.
    /// Returns how the first run ended when it sent nothing (for `start`).
    @discardableResult
    private func advance() -> Result<Reply, FWPayError>? {
        let log = ReplayLog(answers)
        let outcome: Result<Reply, FWPayError>
        do throws(FWPayError) {
            outcome = .success(try operation(Client(transport: Transport(replaying: log, as: client.transport))))
        } catch {
            outcome = .failure(error)
        }
        guard let (request, options) = log.unanswered else {
            if answers.isEmpty, case .failure = outcome { return outcome }  // refused before sending: start throws it
            ended(outcome)
            return nil
        }
        do throws(FWPayError) {
            try client.transport.start(request, options: options, call: id, tag: tag) { answer in
                self.answers.append(answer)
                self.advance()
            }
        } catch {
            answers.append(.failure(error))
            return advance()
        }
        return nil
    }
}

/// The answers a started call's requests got so far, served in order to a run of the
/// operation; the first request beyond them is kept to be sent.
final class ReplayLog: @unchecked Sendable {
    private let answers: [Result<Reply, FWPayError>]
    private var served = 0
    private(set) var unanswered: (HTTPRequest, CallOptions)?

    init(_ answers: [Result<Reply, FWPayError>]) {
        self.answers = answers
    }

    func answer(_ request: HTTPRequest, options: CallOptions) throws(FWPayError) -> Reply {
        if served < answers.count {
            served += 1
            return try answers[served - 1].get()
        }
        unanswered = (request, options)
        // Ends this run; the caller never sees it (StartedCall sends the request instead).
        throw FWPayError(.invalidArgument, "\(request.method.rawValue) \(request.path) has no answer yet")
    }
}
