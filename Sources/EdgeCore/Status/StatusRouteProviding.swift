/// A stage that adds read-only pages or JSON documents to the status API (an analyst page over
/// a sink's database, say). The API mounts the routes of the stages running when it starts, for
/// GET only; a request reaches the stage instance running then (a reload's rebuilt one). A
/// handler must not change state and must not block the cooperative pool.
public protocol StatusRouteProviding: Sendable {
    /// The routes it serves, each at its own absolute path.
    var statusRoutes: [StatusRoute] { get }
}
