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
    /// The Server-sent events body, split into `pieceSize` pieces.
    static func pieces(count: Int, pieceSize: Int = 16 << 10) -> [[UInt8]] {
        var text = ""
        for index in 0..<count {
            text +=
                #"data: {"id":"chatcmpl-9x0Lr2","object":"chat.completion.chunk","created":1718000000,"#
                + #""model":"gpt-4o-2024-05-13","system_fingerprint":"fp_ab12cd34","choices":[{"index":0,"#
                + #""delta":{"content":"token \#(index) of the answer"},"finish_reason":null}]}"#
                + "\n\n"
        }
        text += "data: [DONE]\n\n"
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: pieceSize).map {
            Array(bytes[$0..<min($0 + pieceSize, bytes.count)])
        }
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

    /// The resident memory now: read at start, it is what the program's libraries cost before any work (gen's
    /// generated module links FoundationNetworking for URLSessionTransport; Apple's runtime does not).
    static func residentMemoryKiB() -> Int { status("VmRSS:") }

    private static func status(_ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
}
