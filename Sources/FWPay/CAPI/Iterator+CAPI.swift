import CFWPay

/// What an fwp_iter handle stands for: the page iterator and the client it keeps alive.
final class IteratorHandle: @unchecked Sendable {
    let pages: PageIterator
    let client: Client
    // Guarded by ForkSafeLock: whether a thread is in next() (an iterator is not shared).
    private var busy = false

    init(pages: PageIterator, client: Client) {
        self.pages = pages
        self.client = client
    }

    /// A new fwp_iter handle, in the table until fwp_iter_free.
    func handle() -> OpaquePointer {
        Handles.iterators.add(self)
    }

    /// The next item of the iterator behind a handle (nil when the list is exhausted). A freed
    /// or made-up handle, or one another thread is reading, is refused rather than touched.
    static func next(of iter: OpaquePointer?) throws(FWPayError) -> JSONValue? {
        let iterator = try taken(iter)
        defer { iterator.release() }
        return try iterator.pages.next()
    }

    /// The iterator behind a handle, marked busy until `release`.
    static func taken(_ iter: OpaquePointer?) throws(FWPayError) -> IteratorHandle {
        guard let iter else { throw FWPayError(.invalidArgument, "iter must not be NULL") }
        guard let iterator = Handles.iterators.value(iter) else {
            throw FWPayError(.invalidArgument, "iter is not an iterator of fwp_iter_new, or was freed")
        }
        let free = ForkSafeLock.withLock { () -> Bool in
            if iterator.busy { return false }
            iterator.busy = true
            return true
        }
        guard free else {
            throw FWPayError(.invalidArgument, "iter is being read by another thread or step; an iterator takes one step at a time")
        }
        return iterator
    }

    func release() {
        ForkSafeLock.withLock { busy = false }
    }

    /// Takes the next step without waiting (fwp_iter_next_start): an item already fetched, or
    /// the end, is given at once; otherwise the next page is sent from the client's I/O thread
    /// and its first item given when it comes. `ended` gets the item (.null at the end) with the
    /// page's status and request id. The iterator stays busy until then.
    func startNext(tag: UInt64, ended: @escaping (Result<Reply, FWPayError>) -> Void) throws(FWPayError) {
        let request: HTTPRequest?
        do { request = try pages.nextPageRequest() } catch {
            release()
            throw error
        }
        guard let request else {
            let item = pages.takeBuffered()
            release()
            ended(.success(reply(item)))
            return
        }
        do {
            try pages.pageTransport.start(request, options: pages.pageOptions, call: StartedCall.newID(), tag: tag) { answer in
                let outcome: Result<Reply, FWPayError>
                do throws(FWPayError) {
                    try self.pages.accept(try answer.get(), to: request)
                    outcome = .success(self.reply(self.pages.takeBuffered()))
                } catch {
                    outcome = .failure(error)
                }
                self.release()
                ended(outcome)
            }
        } catch {
            release()
            throw error
        }
    }

    /// An item as a completion's answer, with what the page's answer said.
    private func reply(_ item: JSONValue?) -> Reply {
        Reply(value: item ?? .null, httpStatus: pages.lastReply?.httpStatus ?? 200, requestID: pages.lastReply?.requestID)
    }
}

/// fwp_iter_new: an iterator over every item of a list, fetching one page at a time. list:
/// "recipients", "orders", "payments", "refunds" or "refund_bundles". filters: borrowed JSON
/// object or NULL, with that list's filters (as fwp_payment_list, fwp_order_list,
/// fwp_refund_list). per_page: 1 to 100, or 0 for 100. options: NULL or per-call settings,
/// used for every page. out_iter: receives the iterator, NULL on failure; release with
/// fwp_iter_free. It keeps the client alive, and is read by one thread at a time (a second
/// thread's fwp_iter_next meanwhile gets FWP_E_INVALID_ARGUMENT). err:
/// optional. Nothing is fetched until fwp_iter_next. Returns FWP_OK or FWP_E_INVALID_ARGUMENT.
/// Since 0.1.
@c
public func fwp_iter_new(_ client: OpaquePointer?, _ list: UnsafePointer<CChar>?, _ filters: UnsafePointer<json_t>?,
                         _ per_page: CInt, _ options: UnsafePointer<fwp_call_options>?,
                         _ out_iter: UnsafeMutablePointer<OpaquePointer?>?, _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_iter, "out_iter")
        let api = try unwrapClient(client)
        let name = try string(list, "list", limit: 32)
        guard per_page >= 0 else { throw FWPayError(.invalidArgument, "per_page must be 0 (100) or 1 to 100") }
        let pages = try api.iterator(over: name, filters: try json(filters), perPage: per_page == 0 ? 100 : Int(per_page),
                                     options: try callOptions(options))
        out.pointee = IteratorHandle(pages: pages, client: api).handle()
    }
}

/// fwp_iter_next: the next item. out: receives a new reference to the item, or NULL when the
/// list is exhausted (FWP_OK either way); release items with json_decref. err: optional. A
/// failed page fetch returns its negative FWP_E_ code; calling again retries that page.
/// Since 0.1.
@c
public func fwp_iter_next(_ iter: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                          _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        if let item = try IteratorHandle.next(of: iter) { try deliver(item, to: result) }
    }
}

/// fwp_iter_free: releases an iterator. NULL, or an iterator already freed, is a harmless
/// no-op; a next() another thread has in flight finishes first. Since 0.1 (safe when freed
/// twice or beside a call since 0.3).
@c
public func fwp_iter_free(_ iter: OpaquePointer?) {
    guard let iter else { return }
    _ = Handles.iterators.remove(iter)
}

/// fwp_iter_new_json: fwp_iter_new for the text interface. operation: a list operation of
/// fwp_call ("recipient_list", "order_list", "payment_list", "refund_list", "bundle_list").
/// args: JSON text (len bytes; NULL or len 0 for none), an object with "filters" (where the
/// list has filters), "per_page" (1 to 100, default 100), "timeout_ms" and "max_retries",
/// read under fwp_call's rules. out_iter: as fwp_iter_new's; read it with fwp_iter_next_json.
/// So every binding walks pages the same way, in the library. Since 0.3.
@c
public func fwp_iter_new_json(_ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ args: UnsafePointer<CChar>?,
                              _ len: size_t, _ out_iter: UnsafeMutablePointer<OpaquePointer?>?,
                              _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let out = try prepare(out_iter, "out_iter")
        let api = try unwrapClient(client)
        let name = try string(operation, "operation", limit: 32)
        guard let list = TextOperation.lists[name] else {
            throw FWPayError(.invalidArgument, "operation \"\(name)\" is not one of \(TextOperation.lists.keys.sorted().joined(separator: ", "))")
        }
        let parameters = (list.filtered ? ["filters"] : []) + ["per_page", "timeout_ms", "max_retries"]
        let arguments = try TextArguments(args, len, name: "args", operation: name, parameters: parameters)
        let perPage = try arguments.optionalInteger("per_page") ?? 100
        let pages = try api.iterator(over: list.collection, filters: arguments.optionalValue("filters"), perPage: perPage,
                                     options: try arguments.callOptions())
        out.pointee = IteratorHandle(pages: pages, client: api).handle()
    }
}

/// fwp_iter_next_json: fwp_iter_next as text. out: receives the next item as NUL-terminated
/// JSON text (release with fwp_free), or NULL when the list is exhausted (FWP_OK either way).
/// err: optional. A failed page fetch returns its negative FWP_E_ code; calling again retries
/// that page. Since 0.3.
@c
public func fwp_iter_next_json(_ iter: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                               _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        if let item = try IteratorHandle.next(of: iter) { result.pointee = try jsonText(item) }
    }
}

/// fwp_iter_next_start: fwp_iter_next_json without waiting, for an event loop: the step's
/// completion (carrying tag) comes to queue, with the next item as JSON text in its answer, or
/// "null" when the list is exhausted; a failed page fetch completes with its FWP_E_ code, and
/// the next step retries that page. An item already fetched completes at once; otherwise the
/// page is sent from the client's I/O thread (fwp_call_start). One step at a time: another
/// step or fwp_iter_next before this one's completion is refused. err: optional; a refused
/// step completes nothing. Returns FWP_OK or FWP_E_INVALID_ARGUMENT. Since 0.3.
@c
public func fwp_iter_next_start(_ iter: OpaquePointer?, _ queue: OpaquePointer?, _ tag: UInt64,
                                _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        guard let queue, let target = Handles.queues.value(queue) else {
            throw FWPayError(.invalidArgument, "queue is NULL or was freed")
        }
        try IteratorHandle.taken(iter).startNext(tag: tag) { outcome in target.add(.init(tag: tag, outcome: outcome)) }
    }
}
