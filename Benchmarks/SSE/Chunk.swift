import Foundation

// The event both decoders produce: an OpenAI chat completion chunk (the most common Server-sent event payload),
// and the body both read: `count` such events and `data: [DONE]`, handed over in 16 KiB pieces as a network would.

struct Chunk: Codable, Hashable, Sendable {
    struct Choice: Codable, Hashable, Sendable {
        struct Delta: Codable, Hashable, Sendable {
            var role: String?
            var content: String?
        }
        var index: Int
        var delta: Delta
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }
    var id: String
    var object: String
    var created: Int
    var model: String
    var systemFingerprint: String?
    var choices: [Choice]

    enum CodingKeys: String, CodingKey {
        case id, object, created, model, choices
        case systemFingerprint = "system_fingerprint"
    }
}

enum Body {
    /// The Server-sent events body, split into `pieceSize` pieces. Made piece by piece, so that the body is in
    /// memory once (as a network hands it over) and the peak memory is the decoder's on top of it.
    static func pieces(count: Int, pieceSize: Int = 16 << 10) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var piece: [UInt8] = []
        piece.reserveCapacity(pieceSize)
        func append(_ text: String) {
            for byte in text.utf8 {
                piece.append(byte)
                if piece.count == pieceSize {
                    pieces.append(piece)
                    piece = []
                    piece.reserveCapacity(pieceSize)
                }
            }
        }
        for index in 0..<count {
            append(
                #"data: {"id":"chatcmpl-9x0Lr2","object":"chat.completion.chunk","created":1718000000,"#
                    + #""model":"gpt-4o-2024-05-13","system_fingerprint":"fp_ab12cd34","choices":[{"index":0,"#
                    + #""delta":{"content":"token \#(index) of the answer"},"finish_reason":null}]}"# + "\n\n")
        }
        append("data: [DONE]\n\n")
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    /// `count` chunks, the values the encoders encode.
    static func values(count: Int) -> [Chunk] {
        (0..<count).map { index in
            Chunk(
                id: "chatcmpl-9x0Lr2", object: "chat.completion.chunk", created: 1_718_000_000,
                model: "gpt-4o-2024-05-13", systemFingerprint: "fp_ab12cd34",
                choices: [.init(index: 0, delta: .init(content: "token \(index) of the answer"), finishReason: nil)])
        }
    }

    static func peakMemoryKiB() -> Int { status("VmHWM:") }

    /// The resident memory now: read at start, it is what the program's libraries cost before any work (a module
    /// gen writes with URLSessionTransport links FoundationNetworking and libcurl, 6 MiB; the benchmark's does not).
    static func residentMemoryKiB() -> Int { status("VmRSS:") }

    private static func status(_ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
}
