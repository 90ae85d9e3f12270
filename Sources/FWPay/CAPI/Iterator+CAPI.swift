import CFWPay

/// What an fwp_iter handle stands for: the page iterator and the client it keeps alive.
final class IteratorHandle {
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
        guard let iter else { throw FWPayError(.invalidArgument, "iter must not be NULL") }
        guard let iterator = Handles.iterators.value(iter) else {
            throw FWPayError(.invalidArgument, "iter is not an iterator of fwp_iter_new, or was freed")
        }
        let taken = ForkSafeLock.withLock { () -> Bool in
            if iterator.busy { return false }
            iterator.busy = true
            return true
        }
        guard taken else { throw FWPayError(.invalidArgument, "iter is being read by another thread; an iterator is used by one thread at a time") }
        defer { ForkSafeLock.withLock { iterator.busy = false } }
        return try iterator.pages.next()
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
