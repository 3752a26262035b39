extension Unicode.Scalar {
    /// Whether the scalar is a control character, a line or paragraph separator, a bidirectional formatting
    /// character or a zero-width no-break space: characters that end a line or a comment, act on a terminal, or
    /// make text read otherwise than it is. Spec text shows them as `visibleEscape` wherever it is printed (doc
    /// comments, string literals, diagnostics).
    public var isInvisible: Bool {
        switch value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF:
            true
        default:
            false
        }
    }

    /// `\u{D}`: the scalar as Swift writes it in a string literal, in upper-case hex.
    public var visibleEscape: String { "\\u{\(String(value, radix: 16, uppercase: true))}" }
}
