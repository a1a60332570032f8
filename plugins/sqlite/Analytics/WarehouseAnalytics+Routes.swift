import EdgeCore

extension WarehouseAnalytics {
    /// The analyst page at `/analytics` (linked from the status page) and its JSON documents
    /// under `/api/analytics/`, all read-only.
    nonisolated var statusRoutes: [StatusRoute] {
        [StatusRoute(path: "/analytics", link: "analytics") { _ in .html(AnalyticsPage.html) }]
            + AnalyticsEndpoint.allCases.map { endpoint in
                StatusRoute(path: endpoint.path) { query in await self.answer(endpoint, query) }
            }
    }
}
