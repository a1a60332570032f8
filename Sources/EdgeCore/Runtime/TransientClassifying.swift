/// An error that knows whether retrying can help: a sink's client errors conform so that the
/// runtime buffers through outages but stops at once on a wrong password or a bad target.
public protocol TransientClassifying: Error {
    /// True when the same operation may succeed later (connection lost, server starting, locks).
    var isTransient: Bool { get }
    /// True when the destination refused some of the rows for their values (a constraint, a
    /// value out of range): the other rows of the batch can still be written, and the refused
    /// ones are dead-lettered.
    var isRowRejection: Bool { get }
}

extension TransientClassifying {
    public var isRowRejection: Bool { false }
}
