import EdgeCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc

/// Freed heap memory goes back to the system: after many small blocks are freed between a few still in
/// use (a burst's leftovers), the pages stay resident until ``FreedMemory/release()`` hands them back.
@Suite("Freed memory")
struct FreedMemoryTests {
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return Int(statm[1])! * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// AddressSanitizer and ThreadSanitizer replace glibc's allocator (and so its `malloc_trim`).
    static let glibcAllocates = dlsym(nil, "__asan_init") == nil && dlsym(nil, "__tsan_init") == nil

    @Test(.enabled(if: glibcAllocates, "a sanitizer's allocator keeps freed memory its own way"))
    func freedPagesLeaveTheResidentSetOnRelease() throws {
        let blockSize = 1_024, count = 256 * 1_024  // 256 MiB in blocks below the allocator's mmap threshold
        var blocks = [UnsafeMutableRawPointer](repeating: UnsafeMutableRawPointer(bitPattern: 1)!, count: count)
        for index in 0..<count {
            blocks[index] = malloc(blockSize)!
            memset(blocks[index], 1, blockSize)
        }
        // Every 64th block stays in use, so the heap cannot shrink from its top when the others are freed.
        for index in 0..<count where index % 64 != 0 { free(blocks[index]) }
        let beforeRelease = try Self.residentBytes()
        FreedMemory.release()
        let afterRelease = try Self.residentBytes()
        for index in stride(from: 0, to: count, by: 64) { free(blocks[index]) }
        #expect(beforeRelease - afterRelease > 128 << 20, "resident \(beforeRelease >> 20) MiB before release, \(afterRelease >> 20) MiB after")
    }
}
#endif
