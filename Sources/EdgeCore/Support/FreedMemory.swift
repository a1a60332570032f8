#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the process has freed back to the operating system. glibc's allocator keeps freed
/// pages in its heaps (one per thread that allocated) for reuse; after a burst (a forecast training,
/// a large batch) that memory stays resident although nothing uses it, so the agent's RSS rises in
/// steps and never comes down. The runner calls this after each checkpoint.
public enum FreedMemory {
    /// glibc's `malloc_trim` (declared in `malloc.h`, which the Glibc module leaves out); nil elsewhere.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    public static func release() {
        _ = trim?(0)
    }
}
