import Foundation
import SwiftPlanning

/// The files to render, each taken by whichever thread is free next: a background thread starts on the models'
/// files while the rest is still being planned, and at the render stage both cores take what is left.
final class RenderQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [(path: String, render: () -> String)] = []
    private var results: [GeneratedFile?] = []
    private var next = 0

    /// Adds a file to render; returns its index for `result`.
    func add(_ path: String, _ render: @escaping () -> String) -> Int {
        lock.withLock {
            jobs.append((path, render))
            results.append(nil)
            return jobs.count - 1
        }
    }

    /// Renders files until none is left to take.
    func work() {
        while let (index, job) = take() {
            let file = GeneratedFile(path: job.path, contents: Tidy.swiftSource(job.render()))
            lock.withLock { results[index] = file }
        }
    }

    private func take() -> (Int, (path: String, render: () -> String))? {
        lock.withLock {
            guard next < jobs.count else { return nil }
            let index = next
            next += 1
            let job = jobs[index]
            // The queue lets go of a renderer once it is taken: a renderer holds what made it (`Emission`, which
            // holds this queue), and the two would otherwise keep each other alive.
            jobs[index].render = { "" }
            return (index, job)
        }
    }

    /// A rendered file; call once every worker is done.
    func result(_ index: Int) -> GeneratedFile { lock.withLock { results[index]! } }
}

/// Values computed on several threads, each into its own slot (rendering here, writing in the generator).
package final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// The values in slot order; call once every slot is set.
    package var all: [Value] { lock.withLock { slots.map { $0! } } }
}

/// Final whitespace rules every generated Swift file meets: no trailing spaces, at most one blank line in a row,
/// no blank line right after `{` or before `}`, one final newline.
enum Tidy {
    /// One pass over the lines, holding back only a blank line until the next line shows whether it stays: no
    /// array of lines, so tidying GitHub's 3 MB Fixtures.swift costs its output and nothing more.
    static func swiftSource(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingBlank = false
        var hasLines = false
        var lastEndsWithBrace = false
        TextLines.forEachLine(text) { raw in
            let line = raw.trimmingTrailingBlanks
            if line.isEmpty {
                // Kept only between two lines, once, and never right after `{`.
                if hasLines && !lastEndsWithBrace { pendingBlank = true }
                return
            }
            if pendingBlank && !line.hasPrefixAfterSpaces("}") { out += "\n" }
            pendingBlank = false
            out += line
            out += "\n"
            hasLines = true
            lastEndsWithBrace = line.endsWith(UInt8(ascii: "{"))
        }
        return hasLines ? out : "\n"
    }
}
