/// Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives.
struct LBFGSMinimizer: Sendable {
    var historySize = 10
    var maximumIterations = 300
    /// Stops when an iteration improves the objective by less than this fraction.
    var relativeTolerance = 1e-7

    /// Minimises `objective`, which returns the value at `x` and writes the gradient; returns the
    /// minimiser and the iterations run.
    func minimize(from start: [Double], _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double) -> (x: [Double], iterations: Int) {
        let count = start.count
        var x = start
        var gradient = [Double](repeating: 0, count: count)
        var value = objective(x, &gradient)
        var steps: [[Double]] = []
        var gradientChanges: [[Double]] = []
        var curvatures: [Double] = []
        var candidate = [Double](repeating: 0, count: count)
        var candidateGradient = [Double](repeating: 0, count: count)
        var iterations = 0
        while iterations < maximumIterations {
            iterations += 1
            var direction = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for index in steps.indices.reversed() {
                alphas[index] = curvatures[index] * Self.dot(steps[index], direction)
                Self.addScaled(-alphas[index], gradientChanges[index], to: &direction)
            }
            let initialScale: Double
            if let last = steps.indices.last {
                initialScale = Self.dot(steps[last], gradientChanges[last]) / Self.dot(gradientChanges[last], gradientChanges[last])
            } else {
                initialScale = 1 / max(Self.dot(gradient, gradient).squareRoot(), 1e-12)
            }
            for index in direction.indices { direction[index] *= initialScale }
            for index in steps.indices {
                let beta = curvatures[index] * Self.dot(gradientChanges[index], direction)
                Self.addScaled(alphas[index] - beta, steps[index], to: &direction)
            }
            for index in direction.indices { direction[index] = -direction[index] }
            var slope = Self.dot(gradient, direction)
            if slope >= 0 {
                direction = gradient.map { -$0 }
                slope = -Self.dot(gradient, gradient)
            }

            var stepLength = 1.0
            var candidateValue = value
            while true {
                for index in 0..<count { candidate[index] = x[index] + stepLength * direction[index] }
                candidateValue = objective(candidate, &candidateGradient)
                if candidateValue <= value + 1e-4 * stepLength * slope || stepLength < 1e-10 { break }
                stepLength *= 0.5
            }

            var step = [Double](repeating: 0, count: count)
            var gradientChange = [Double](repeating: 0, count: count)
            for index in 0..<count {
                step[index] = candidate[index] - x[index]
                gradientChange[index] = candidateGradient[index] - gradient[index]
            }
            let curvature = Self.dot(step, gradientChange)
            if curvature > 1e-12 {
                steps.append(step)
                gradientChanges.append(gradientChange)
                curvatures.append(1 / curvature)
                if steps.count > historySize {
                    steps.removeFirst()
                    gradientChanges.removeFirst()
                    curvatures.removeFirst()
                }
            }
            let improvement = (value - candidateValue) / max(abs(value), abs(candidateValue), 1)
            swap(&x, &candidate)
            swap(&gradient, &candidateGradient)
            value = candidateValue
            if improvement < relativeTolerance { break }
        }
        return (x, iterations)
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    private static func addScaled(_ scale: Double, _ vector: [Double], to target: inout [Double]) {
        for index in target.indices { target[index] += scale * vector[index] }
    }
}
