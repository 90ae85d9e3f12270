/// Walks every item of a list endpoint, fetching one page at a time. Not shared between
/// threads: each thread makes its own.
final class PageIterator {
    private let transport: Transport
    private let path: String
    private let collection: String
    private let filters: JSONValue?
    private let allowedFilters: [String]
    private let perPage: Int
    private let options: CallOptions
    private var buffered: [JSONValue] = []
    private var nextPage = 1
    private var finished = false
    private(set) var lastReply: Reply?

    /// `collection` is the member holding the page's items (`"payments"` of GET /payments).
    init(transport: Transport, path: String, collection: String, filters: JSONValue?, allowedFilters: [String],
         perPage: Int, options: CallOptions) {
        self.transport = transport
        self.path = path
        self.collection = collection
        self.filters = filters
        self.allowedFilters = allowedFilters
        self.perPage = perPage
        self.options = options
    }

    /// The next item, or nil after the last one.
    func next() throws(FWPayError) -> JSONValue? {
        while let request = try nextPageRequest() {
            try accept(try transport.send(request, options: options), to: request)
        }
        return takeBuffered()
    }

    /// The request of the next page when no item is left to give and the list goes on; nil
    /// otherwise (`takeBuffered` then gives the next item, or nil at the end). For a started
    /// step (fwp_iter_next_start), which sends it without a thread and hands the answer to
    /// `accept`.
    func nextPageRequest() throws(FWPayError) -> HTTPRequest? {
        guard buffered.isEmpty, !finished else { return nil }
        let target = try ListQuery.path(path, filters: filters, allowed: allowedFilters,
                                        page: PageRequest(page: nextPage, perPage: perPage))
        return HTTPRequest(method: .get, path: target, template: path)
    }

    /// Takes in the answer to `request` (from nextPageRequest): its items, and whether the list
    /// ends with them. The one place that decides where a list ends.
    func accept(_ reply: Reply, to request: HTTPRequest) throws(FWPayError) {
        lastReply = reply
        guard let items = reply.value[collection]?.arrayValue else {
            throw FWPayError(.badResponse, "the answer to GET \(request.path) has no \"\(collection)\" array",
                             httpStatus: reply.httpStatus, requestID: reply.requestID)
        }
        buffered = items.reversed()
        let totalPages = reply.value["total_pages"]?.integerValue.map(Int.init)
        finished = items.isEmpty || items.count < perPage || (totalPages.map { nextPage >= $0 } ?? false)
        nextPage += 1
    }

    /// The next item already fetched, or nil.
    func takeBuffered() -> JSONValue? {
        buffered.popLast()
    }

    /// The per-call settings every page is fetched with.
    var pageOptions: CallOptions { options }

    /// The transport the pages come from.
    var pageTransport: Transport { transport }
}
