/// Derivative-free minimisation by the Nelder–Mead simplex method.
enum NelderMead {
    /// Minimises `objective` from `start`; returns the best point found within `maximumEvaluations`.
    static func minimize(from start: [Double], step: Double = 0.5, maximumEvaluations: Int, tolerance: Double = 1e-7,
                         _ objective: ([Double]) -> Double) -> (point: [Double], value: Double) {
        let dimension = start.count
        guard dimension > 0 else { return (start, objective(start)) }
        var simplex = [start] + (0..<dimension).map { axis in
            var vertex = start
            vertex[axis] += step
            return vertex
        }
        var values = simplex.map(objective)
        var evaluations = simplex.count
        while evaluations < maximumEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[dimension] - values[0]) <= tolerance * (abs(values[0]) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: dimension)
            for vertex in simplex.dropLast() {
                for axis in 0..<dimension { centroid[axis] += vertex[axis] / Double(dimension) }
            }
            func along(_ factor: Double) -> [Double] {
                (0..<dimension).map { centroid[$0] + factor * (simplex[dimension][$0] - centroid[$0]) }
            }
            let reflected = along(-1)
            let reflectedValue = objective(reflected)
            evaluations += 1
            if reflectedValue < values[0] {
                let expanded = along(-2)
                let expandedValue = objective(expanded)
                evaluations += 1
                (simplex[dimension], values[dimension]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[dimension - 1] {
                (simplex[dimension], values[dimension]) = (reflected, reflectedValue)
            } else {
                let contracted = reflectedValue < values[dimension] ? along(-0.5) : along(0.5)
                let contractedValue = objective(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, values[dimension]) {
                    (simplex[dimension], values[dimension]) = (contracted, contractedValue)
                } else {
                    for index in 1...dimension {
                        simplex[index] = (0..<dimension).map { simplex[0][$0] + 0.5 * (simplex[index][$0] - simplex[0][$0]) }
                        values[index] = objective(simplex[index])
                    }
                    evaluations += dimension
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best])
    }
}
