import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Calls without a thread each: started with fwp_call_start, ended on a completion queue whose
// descriptor an event loop watches (docs/c-api.md, "Calls without a thread each").

/// fwp_queue_new: a completion queue for started calls. Any number of calls, of any clients,
/// may end on one queue; an event loop usually has one. out_queue: receives the handle, NULL
/// on failure; release with fwp_queue_free. err: optional. Returns FWP_OK, FWP_E_NO_MEMORY
/// (no eventfd could be made) or FWP_E_INVALID_ARGUMENT. Since 0.3.
@c
public func fwp_queue_new(_ out_queue: UnsafeMutablePointer<OpaquePointer?>?, _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_queue, "out_queue")
        out.pointee = Handles.queues.add(try CompletionQueue())
    }
}

/// fwp_queue_fd: the queue's descriptor, readable exactly while a completion waits in it (an
/// eventfd). Watch it for reading; never read, write or close it. -1 for a NULL or freed
/// queue. Since 0.3.
@c
public func fwp_queue_fd(_ queue: OpaquePointer?) -> CInt {
    guard let queue, let found = Handles.queues.value(queue) else { return -1 }
    return found.descriptor
}

/// fwp_queue_take: takes the oldest completion waiting in the queue into done (initialised
/// with FWP_COMPLETION_INIT; what a previous take left in it is released first). Returns 1
/// when one was taken, 0 when none waits (done is then cleared), FWP_E_INVALID_ARGUMENT for a
/// NULL or freed queue, a NULL done or one of another version. Never blocks. Since 0.3.
@c
public func fwp_queue_take(_ queue: OpaquePointer?, _ done: UnsafeMutablePointer<fwp_completion>?) -> CInt {
    guard let queue, let found = Handles.queues.value(queue), let done,
          done.pointee.version == FWP_COMPLETION_VERSION else { return FWP_E_INVALID_ARGUMENT.rawValue }
    fwp_completion_clear(done)
    guard let completion = found.take(1).first else { return 0 }
    done.pointee.tag = completion.tag
    switch completion.outcome {
    case .success(let reply):
        do throws(FWPayError) {
            done.pointee.answer = try jsonText(reply)
            done.pointee.code = FWP_OK.rawValue
            reportSuccess(reply, into: &done.pointee.error)
        } catch {
            done.pointee.code = report(error, into: &done.pointee.error)
        }
    case .failure(let error):
        done.pointee.code = report(error, into: &done.pointee.error)
    }
    return 1
}

/// fwp_queue_take_text: fwp_queue_take for foreign-function interfaces, which see fwp_error as
/// opaque (fwpay_ffi.h): takes the oldest completion waiting in the queue, giving its tag in
/// out_tag, its code (FWP_OK or FWP_E_) in out_code, on FWP_OK its answer as NUL-terminated
/// JSON text in out (release with fwp_free; NULL otherwise), and in err what fwp_call's err
/// says. Returns 1 when one was taken, 0 when none waits, FWP_E_INVALID_ARGUMENT for a NULL
/// or freed queue or a NULL out_tag, out_code or out. Never blocks. Since 0.3.
@c
public func fwp_queue_take_text(_ queue: OpaquePointer?, _ out_tag: UnsafeMutablePointer<UInt64>?,
                                _ out_code: UnsafeMutablePointer<CInt>?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    guard let out_tag, let out_code, let out else { return FWP_E_INVALID_ARGUMENT.rawValue }
    out.pointee = nil
    var done = fwp_completion(version: FWP_COMPLETION_VERSION, tag: 0, code: 0, answer: nil, error: fwp_error())
    let taken = fwp_queue_take(queue, &done)
    guard taken == 1 else { return taken }
    out_tag.pointee = done.tag
    out_code.pointee = done.code
    out.pointee = done.answer
    done.answer = nil
    reset(err)
    if let err { err.pointee = done.error } else { reset(&done.error) }
    return 1
}

/// fwp_queue_wait: waits up to timeout_ms milliseconds (-1: for ever) until a completion
/// waits in the queue, for a caller with a thread to spare; an event loop watches
/// fwp_queue_fd instead. Returns 1 when one waits, 0 when the time ran out (or a signal came),
/// FWP_E_INVALID_ARGUMENT for a NULL or freed queue. Since 0.3.
@c
public func fwp_queue_wait(_ queue: OpaquePointer?, _ timeout_ms: CInt) -> CInt {
    guard let queue, let found = Handles.queues.value(queue) else { return FWP_E_INVALID_ARGUMENT.rawValue }
    return found.wait(milliseconds: timeout_ms) ? 1 : 0
}

/// fwp_queue_free: releases the queue. Calls still in flight go on (cancel them first with
/// fwp_call_cancel if they should not); their completions, and those not taken, are dropped.
/// NULL, or a queue already freed, is ignored. Since 0.3.
@c
public func fwp_queue_free(_ queue: OpaquePointer?) {
    guard let queue, let found = Handles.queues.remove(queue) else { return }
    _ = found.close()
}

/// fwp_completion_clear: releases what done holds (its answer and its error's errors) and
/// clears it for another take; NULL is ignored. Since 0.3.
@c
public func fwp_completion_clear(_ done: UnsafeMutablePointer<fwp_completion>?) {
    guard let done else { return }
    free(done.pointee.answer)
    reset(&done.pointee.error)
    done.pointee = fwp_completion(version: done.pointee.version, tag: 0, code: 0, answer: nil, error: fwp_error())
}

/// fwp_call_start: starts one operation of fwp_call (same names, same arguments) without
/// waiting for it: its requests go out from the client's own I/O thread (one per client,
/// started with its first started call), which drives every call in flight with libcurl's
/// multi interface, under the same retry and idempotency rules as fwp_call. When the call
/// ends, a completion carrying tag (any value of yours: an index, a pointer) is added to
/// queue: take it with fwp_queue_take. Arguments that are certainly wrong are refused here,
/// and then nothing is started and no completion will come. Otherwise it returns FWP_OK and
/// exactly one completion will come, whatever happens (a freed queue drops it); a POST
/// without "idempotency_key" gets a random one, the same in every retry. Calls beyond the
/// client's "max_in_flight" wait in a list, not on threads. out_call: optional; receives the
/// call's id, for fwp_call_cancel. err: optional. Thread-safe: any thread may start calls on
/// any client and queue. Since 0.3.
@c
public func fwp_call_start(_ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ args: UnsafePointer<CChar>?,
                           _ len: size_t, _ queue: OpaquePointer?, _ tag: UInt64, _ out_call: UnsafeMutablePointer<UInt64>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let api = try unwrapClient(client)
        guard let queue, let target = Handles.queues.value(queue) else {
            throw FWPayError(.invalidArgument, "queue is NULL or was freed")
        }
        let (known, arguments) = try TextOperation.named(operation, arguments: args, len)
        var given = try arguments.callOptions()
        // Every replay of the operation (StartedCall) must build the same request.
        if given.idempotencyKey == nil { given.idempotencyKey = .random() }
        let options = given
        let call = try StartedCall.start(on: api, tag: tag, { client throws(FWPayError) in try known.run(client, arguments, options) }) { outcome in
            target.add(.init(tag: tag, outcome: outcome))
        }
        out_call?.pointee = call
    }
}

/// fwp_call_cancel: cancels a started call (call: fwp_call_start's out_call) that has not
/// ended: it ends soon with FWP_E_CANCELLED, or, when it may move money and its request may
/// have reached the server, FWP_E_OUTCOME_UNKNOWN with its idempotency key, as a lost answer
/// does; its completion still comes. A call that already ended, or an unknown id, is
/// ignored. Returns FWP_OK, or FWP_E_INVALID_ARGUMENT for a NULL or freed client. Since 0.3.
@c
public func fwp_call_cancel(_ client: OpaquePointer?, _ call: UInt64) -> CInt {
    exported(nil) { () throws(FWPayError) in
        StartedCall.cancel(call, on: try unwrapClient(client))
    }
}
