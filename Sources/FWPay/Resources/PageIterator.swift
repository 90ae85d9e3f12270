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
        while buffered.isEmpty {
            guard !finished else { return nil }
            let target = try ListQuery.path(path, filters: filters, allowed: allowedFilters,
                                            page: PageRequest(page: nextPage, perPage: perPage))
            let reply = try transport.send(HTTPRequest(method: .get, path: target, template: path), options: options)
            lastReply = reply
            guard let items = reply.value[collection]?.arrayValue else {
                throw FWPayError(.badResponse, "the answer to GET \(target) has no \"\(collection)\" array",
                                 httpStatus: reply.httpStatus, requestID: reply.requestID)
            }
            buffered = items.reversed()
            let totalPages = reply.value["total_pages"]?.integerValue.map(Int.init)
            finished = items.isEmpty || items.count < perPage || (totalPages.map { nextPage >= $0 } ?? false)
            nextPage += 1
        }
        return buffered.popLast()
    }
}
