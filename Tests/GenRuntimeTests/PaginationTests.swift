import Foundation
import Testing

@testable import GenRuntime

/// `PageSequence`: the cursor of each next request, and where iteration ends.
@Suite struct PaginationTests {
    private struct Page: Codable, Sendable {
        var items: [Item]
    }

    private struct Item: Codable, Sendable, Equatable {
        var id: Int
        var cursor: String?
    }

    private final class Requests: @unchecked Sendable {
        var cursors: [String?] = []
    }

    /// A sequence over `pages`, keyed by the cursor that asks for each; records every cursor asked for.
    private func sequence(_ pages: [String?: [Item]], _ requests: Requests) -> PageSequence<Page, String> {
        PageSequence(first: nil, itemsKey: "items", cursorKey: "cursor") { cursor in
            requests.cursors.append(cursor)
            let page = Page(items: pages[cursor] ?? [])
            return (page, try JSONEncoder().encode(page))
        }
    }

    @Test func followsEachPagesLastCursorUntilAnEmptyPage() async throws {
        let requests = Requests()
        let pages: [String?: [Item]] = [
            nil: [Item(id: 1, cursor: "a"), Item(id: 2, cursor: "b")], "b": [Item(id: 3, cursor: "c")], "c": [],
        ]
        var ids: [Int] = []
        for try await item in sequence(pages, requests).items(as: Item.self) { ids.append(item.id) }
        #expect(ids == [1, 2, 3])
        #expect(requests.cursors == [nil, "b", "c"])
    }

    @Test func stopsWhenTheLastItemHasNoCursor() async throws {
        let requests = Requests()
        var count = 0
        for try await _ in sequence([nil: [Item(id: 1, cursor: nil)]], requests) { count += 1 }
        #expect(count == 1)
        #expect(requests.cursors == [nil])
    }

    @Test func stopsWhenTheServerIgnoresTheCursor() async throws {
        let requests = Requests()
        let same: [String?: [Item]] = [nil: [Item(id: 1, cursor: "x")], "x": [Item(id: 1, cursor: "x")]]
        var count = 0
        for try await _ in sequence(same, requests) { count += 1 }
        #expect(count == 2)
        #expect(requests.cursors == [nil, "x"])
    }
}
