extension BuiltPipeline {
    /// The status routes its stages provide, by path; where two stages offer one path, the
    /// first in the pipeline's order serves it.
    public var statusRoutes: [String: StatusRoute] {
        var routes: [String: StatusRoute] = [:]
        for node in nodes {
            for route in Self.provider(node.stage)?.statusRoutes ?? [] where routes[route.path] == nil {
                routes[route.path] = route
            }
        }
        return routes
    }

    /// The stage behind `stage`, if it provides status routes.
    private static func provider(_ stage: BuiltStage) -> (any StatusRouteProviding)? {
        switch stage {
        case .source(let source, _): source as? any StatusRouteProviding
        case .transform(let transform, _, _): transform as? any StatusRouteProviding
        case .model(let model): model as? any StatusRouteProviding
        case .sink(let sink): sink as? any StatusRouteProviding
        }
    }
}
