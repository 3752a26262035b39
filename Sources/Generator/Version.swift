/// gen's version, in one place: `gen --version` prints it, and CHANGELOG.md's newest entry must name it (a test
/// checks). Generated files never carry it, so upgrading gen changes the output only where gen's output changed.
/// What a new major (before 1.0: minor) version means is in docs/Versioning.md.
public enum GenVersion {
    /// `MAJOR.MINOR.PATCH`.
    public static let current = "0.9.0"
}
