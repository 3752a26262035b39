// PageSequence: the pages of a keyset-paginated operation, fetched as they are iterated.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

// MARK: - Pagination

/// The pages of a keyset-paginated operation, fetched one by one as you iterate: each page's last item gives the
/// cursor of the next request, and iteration ends with the first empty page (which is not returned), a page whose
/// last item has no cursor, or a cursor that does not move.
///
/// ```swift
/// for try await page in client.allRuns(limit: 100) { … }
/// for try await run in client.allRuns(limit: 100).items(as: RunSummary.self) { … }
/// ```
///
/// Items and cursors are read from each page's JSON as it came, not from the decoded page: re-encoding would drop
/// what the page's model does not keep (an `anyOf` encodes only its first match).
public struct PageSequence<Page: Codable & Sendable, Cursor: Codable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page

    let first: Cursor?
    let itemsKey: String
    let cursorKey: String
    /// Fetches the page after a cursor: the decoded page and the body it was decoded from.
    let fetch: @Sendable (Cursor?) async throws -> (page: Page, body: Data)

    init(
        first: Cursor?, itemsKey: String, cursorKey: String,
        fetch: @escaping @Sendable (Cursor?) async throws -> (page: Page, body: Data)
    ) {
        self.first = first
        self.itemsKey = itemsKey
        self.cursorKey = cursorKey
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self, cursor: first) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PageSequence
        var cursor: Cursor?
        var isFinished = false

        public mutating func next() async throws -> Page? {
            try await nextWithItems()?.page
        }

        /// The next page with its items as JSON.
        mutating func nextWithItems() async throws -> (page: Page, items: [JSONValue])? {
            guard !isFinished else { return nil }
            let (page, body) = try await sequence.fetch(cursor)
            let items = try sequence.items(of: body)
            guard let last = items.last else {
                isFinished = true
                return nil
            }
            let next = try sequence.cursor(after: last)
            // No cursor on the last item, or the same cursor again (a server that ignores it): stop after this page.
            if next == nil || (try? JSONEncoder().encode(next)) == (try? JSONEncoder().encode(cursor)) {
                isFinished = true
            }
            cursor = next
            return (page, items)
        }
    }

    /// The items of every page, decoded as `Item`.
    public func items<Item: Decodable & Sendable>(as type: Item.Type) -> PageItems<Page, Cursor, Item> {
        PageItems(pages: self)
    }

    func items(of body: Data) throws -> [JSONValue] {
        let json = try JSONDecoder().decode(JSONValue.self, from: body)
        guard case .object(let members) = json, case .array(let items)? = members[itemsKey] else { return [] }
        return items
    }

    func cursor(after item: JSONValue) throws -> Cursor? {
        guard case .object(let members) = item, let value = members[cursorKey], value != .null else { return nil }
        return try JSONCoding.decoder().decode(Cursor.self, from: JSONEncoder().encode(value))
    }
}

/// The items of every page of a `PageSequence`.
public struct PageItems<Page: Codable & Sendable, Cursor: Codable & Sendable, Item: Decodable & Sendable>:
    AsyncSequence, Sendable
{
    public typealias Element = Item

    let pages: PageSequence<Page, Cursor>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator(), sequence: pages)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: PageSequence<Page, Cursor>.AsyncIterator
        let sequence: PageSequence<Page, Cursor>
        var buffer: [JSONValue] = []

        public mutating func next() async throws -> Item? {
            while buffer.isEmpty {
                guard let (_, items) = try await pages.nextWithItems() else { return nil }
                buffer = items
            }
            let item = buffer.removeFirst()
            return try JSONCoding.decoder().decode(Item.self, from: JSONEncoder().encode(item))
        }
    }
}

/// Keeps the body of the last response that passed, for `PageSequence` (a middleware added to a copy of the client).
final class ResponseBodyCapture: Middleware, @unchecked Sendable {
    private let lock = NSLock()
    private var captured = Data()

    var body: Data { lock.withLock { captured } }

    func intercept(
        _ request: HTTPRequest, operation: OperationID, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let response = try await next(request)
        lock.withLock { captured = response.body }
        return response
    }
}
