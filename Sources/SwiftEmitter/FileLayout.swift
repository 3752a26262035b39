import SwiftPlanning

/// Which file each declaration is written to.
///
/// The component schemas, the operations' inline types and the client's operations are each spread over files by
/// the first letter of their Swift name: `Models+R.swift` holds `Repository`, `Operations+R.swift` holds
/// `Operations.ReposGet`, `Client+R.swift` holds `Client.reposGet` and `ReposGetError`. `Client.swift` keeps the
/// client's set-up and sending, `Runtime.swift` the support code. Which files are spread so is said by
/// `Outputs.all` (`OutputFile.byLetter`).
///
/// Why: the Swift driver compiles a module's files in parallel batches, one per core, and recompiles only the files
/// that changed. One large Models.swift is compiled by one core from start to end, and a change to one description
/// recompiles all of it; files of a letter each spread the work over every core and make that rebuild one small file.
/// A letter is stable: a declaration moves only when it is renamed, so a review diff shows the files that changed.
public enum FileLayout {
    /// The letters of the file names in order: `A` … `Z`, then `_` for names that start otherwise.
    public static let keys: [String] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) } + ["_"]

    /// The letter of a Swift name (escaped or not): its first letter, upper-cased, when it is A–Z or a–z.
    public static func key(of name: String) -> String {
        guard let first = SwiftNaming.unescaped(name).unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic
        else { return "_" }
        return String(first).uppercased()
    }

    /// `entries` grouped by the letter of their names, in `keys` order, each group in its original order; with
    /// `everyKey`, every letter has a group, empty ones included.
    static func grouped<Entry>(
        _ entries: [Entry], everyKey: Bool, name: (Entry) -> String
    ) -> [(key: String, entries: [Entry])] {
        var groups: [String: [Entry]] = [:]
        for entry in entries { groups[key(of: name(entry)), default: []].append(entry) }
        return keys.compactMap { key in
            let entries = groups[key] ?? []
            return entries.isEmpty && !everyKey ? nil : (key, entries)
        }
    }
}

/// Names of output files made from spec text.
enum FileName {
    /// The longest file name gen writes, in UTF-8 bytes: well under the 255 bytes file systems allow.
    static let maxBytes = 120

    /// `name + suffix` as one path component: a name too long for a file system is cut on a character boundary
    /// and given a hash of the whole name, so two long names that share their start still differ.
    static func component(_ name: String, suffix: String = "") -> String {
        guard name.utf8.count + suffix.utf8.count > maxBytes else { return name + suffix }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs and platforms, unlike `hashValue`
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let tag = "-" + String(hash, radix: 16)
        var cut = ""
        for character in name {
            if cut.utf8.count + character.utf8.count + tag.utf8.count + suffix.utf8.count > maxBytes { break }
            cut.append(character)
        }
        return cut + tag + suffix
    }
}
