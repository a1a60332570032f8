/// An input of the `forecast` transform that plans covariates ahead (promotions, prices set in
/// advance): its key columns, and which column gives each planned covariate.
struct PlanInput: Sendable {
    let date: Int
    let store: Int
    let product: Int
    /// Position among ``SeriesHistory/plannedNames`` → column of this input.
    let columns: [(covariate: Int, column: Int)]
}
