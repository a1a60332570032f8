import EdgeCore
import Foundation
import TextAnalysis

/// Model files already decoded, by path, each with the identity of the file it was read from
/// (device, inode, size, modification time). Decoding the shipped 2 MB model took most of a
/// `validate` or a reload (and every sentiment stage decoded it again); a file that changed on
/// disk is read again. A classifier is a value, so every stage still gets its own copy to train.
final class SentimentModelCache: Sendable {
    static let shared = SentimentModelCache()

    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
        }

        static func == (a: FileIdentity, b: FileIdentity) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    private struct Entry {
        var identity: FileIdentity
        var classifier: SentimentClassifier
    }

    private let entries = LockedValue<[String: Entry]>([:])

    /// The classifier of `path`, decoded with `decode` unless the same file was decoded before.
    func classifier(at path: String, decode: (String) throws -> SentimentClassifier) rethrows -> SentimentClassifier {
        guard let identity = FileIdentity(path) else { return try decode(path) }
        if let entry = entries.withLock({ $0[path] }), entry.identity == identity { return entry.classifier }
        let classifier = try decode(path)
        entries.withLock { $0[path] = Entry(identity: identity, classifier: classifier) }
        return classifier
    }
}
