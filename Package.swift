// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "retail-edge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "retail-edge", targets: ["retail-edge"]),
        .library(name: "EdgeCore", targets: ["EdgeCore"]),
        .library(name: "RetailWarehouse", targets: ["RetailWarehouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
    ],
    targets: [
        // The calendar day (`CivilDate`): no dependencies at all, so both the runtime and the
        // Foundation-only libraries (Forecasting) share one type.
        .target(name: "CivilCalendar", swiftSettings: swiftSettings),

        // The runtime. Knows no plugin. Re-exports CivilCalendar (the `date` column's type).
        .target(
            name: "EdgeCore",
            dependencies: [
                "CivilCalendar",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),

        // The site's catalogue of products, stores and organisations: plain values (Foundation only),
        // shared by the warehouse and the text-analysis library.
        .target(name: "RetailCatalog", swiftSettings: swiftSettings),

        // The retail warehouse on top of the runtime: the star schema and its record kinds, the
        // write plan and loader, migrations, the date dimension and holidays, and the catalogue's
        // YAML form and store time zones. Depends on EdgeCore; EdgeCore knows nothing of it.
        .target(
            name: "RetailWarehouse",
            dependencies: ["EdgeCore", "RetailCatalog", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // The version and the git commit the binary was built from (see Plugins/GitCommitPlugin).
        .plugin(name: "GitCommitPlugin", capability: .buildTool()),
        .target(name: "BuildInfo", swiftSettings: swiftSettings, plugins: ["GitCommitPlugin"]),

        // In-memory reference stages and an in-process harness for tests.
        .target(
            name: "EdgeCoreTesting",
            dependencies: ["EdgeCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // Plugins: one target per family, each depending on EdgeCore and RetailWarehouse only (and
        // its own C library).
        .target(
            name: "CSVPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse"],
            path: "plugins/csv",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SalesPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse"],
            path: "plugins/sales",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "plugins/sqlite/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "SQLitePlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "CSQLite"],
            path: "plugins/sqlite",
            exclude: ["README.md", "CSQLite"],
            swiftSettings: swiftSettings
        ),

        .systemLibrary(
            name: "CLibPQ",
            path: "plugins/postgres/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "PostgresPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "CLibPQ"],
            path: "plugins/postgres",
            exclude: ["README.md", "CLibPQ"],
            swiftSettings: swiftSettings
        ),

        .systemLibrary(
            name: "CMariaDB",
            path: "plugins/mysql/CMariaDB",
            pkgConfig: "libmariadb",
            providers: [.apt(["libmariadb-dev"])]
        ),
        .target(
            name: "MySQLPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "CMariaDB"],
            path: "plugins/mysql",
            exclude: ["README.md", "CMariaDB"],
            swiftSettings: swiftSettings
        ),

        .systemLibrary(
            name: "CRdKafka",
            path: "plugins/kafka/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "KafkaPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "CRdKafka"],
            path: "plugins/kafka",
            exclude: ["README.md", "CRdKafka"],
            swiftSettings: swiftSettings
        ),

        // Forecasting: the numeric library (Foundation and XGBoost's C API for the pooled model) and
        // the stages built on it.
        .systemLibrary(
            name: "CXGBoost",
            path: "plugins/forecast/CXGBoost",
            providers: [.apt(["libxgboost-dev"])]
        ),
        .target(
            name: "Forecasting",
            dependencies: ["CivilCalendar", "CXGBoost"],
            path: "plugins/forecast/Forecasting",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ForecastPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "Forecasting"],
            path: "plugins/forecast/ForecastPlugin",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "MLflowPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse"],
            path: "plugins/mlflow",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // Text analysis: the library (Foundation only) and the stages built on it.
        .target(
            name: "TextAnalysis",
            dependencies: ["RetailCatalog"],
            path: "plugins/nlp/TextAnalysis",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NLPPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "RetailCatalog", "TextAnalysis"],
            path: "plugins/nlp/NLPPlugin",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "GroqPlugin",
            dependencies: ["EdgeCore", "RetailWarehouse", "RetailCatalog"],
            path: "plugins/groq",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FilePlugin",
            dependencies: ["EdgeCore"],
            path: "plugins/file",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ExecPlugin",
            dependencies: ["EdgeCore"],
            path: "plugins/exec",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // Every built-in plugin in one registry: the agent's, and the fuzz targets' (an executable's
        // code cannot be shared).
        .target(
            name: "BuiltinPlugins",
            dependencies: [
                "EdgeCore", "CSVPlugin", "SalesPlugin", "SQLitePlugin", "PostgresPlugin", "MySQLPlugin", "KafkaPlugin", "ForecastPlugin",
                "MLflowPlugin", "NLPPlugin", "GroqPlugin", "FilePlugin", "ExecPlugin",
            ],
            swiftSettings: swiftSettings
        ),

        // The agent.
        .executableTarget(
            name: "retail-edge",
            dependencies: [
                "BuiltinPlugins", "EdgeCore", "RetailWarehouse", "RetailCatalog", "SQLitePlugin", "PostgresPlugin", "MySQLPlugin", "Forecasting",
                "NLPPlugin", "TextAnalysis", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "CivilCalendarTests", dependencies: ["CivilCalendar"], swiftSettings: swiftSettings),
        .testTarget(name: "EdgeCoreTests", dependencies: ["EdgeCore", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "RetailWarehouseTests", dependencies: ["RetailWarehouse", "RetailCatalog", "EdgeCore", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "CSVPluginTests", dependencies: ["CSVPlugin", "EdgeCore", "RetailWarehouse", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "SalesPluginTests", dependencies: ["SalesPlugin", "EdgeCore", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "SQLitePluginTests", dependencies: ["SQLitePlugin", "EdgeCore", "RetailWarehouse", "EdgeCoreTesting", "CSQLite"], swiftSettings: swiftSettings),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "CivilCalendar"], path: "Tests/ForecastingTests", swiftSettings: swiftSettings),
        .testTarget(name: "ForecastPluginTests", dependencies: ["ForecastPlugin", "Forecasting", "EdgeCore", "RetailWarehouse", "EdgeCoreTesting", "CSVPlugin", "SalesPlugin"], swiftSettings: swiftSettings),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis", "RetailCatalog"], swiftSettings: swiftSettings),
        .testTarget(name: "NLPPluginTests", dependencies: ["NLPPlugin", "TextAnalysis", "EdgeCore", "RetailWarehouse", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "ExecPluginTests", dependencies: ["ExecPlugin", "FilePlugin", "EdgeCore", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "KafkaPluginTests", dependencies: ["KafkaPlugin", "EdgeCore", "EdgeCoreTesting", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(name: "PostgresPluginTests", dependencies: ["PostgresPlugin", "EdgeCore", "RetailWarehouse", "EdgeCoreTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "MySQLPluginTests", dependencies: ["MySQLPlugin", "EdgeCore", "RetailWarehouse"], swiftSettings: swiftSettings),
        .testTarget(name: "GroqPluginTests", dependencies: ["GroqPlugin"], swiftSettings: swiftSettings),
        .testTarget(name: "FilePluginTests", dependencies: ["FilePlugin", "EdgeCore"], swiftSettings: swiftSettings),
        .testTarget(name: "IntegrationTests", dependencies: ["EdgeCore", "RetailWarehouse"], swiftSettings: swiftSettings),
    ]
)

// libFuzzer targets (make fuzz, scripts/fuzz.sh): only with RETAIL_EDGE_FUZZ set, since they link
// libFuzzer's main and build only with `--sanitize=fuzzer`.
if Context.environment["RETAIL_EDGE_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "retail-edge-fuzz",
            dependencies: [
                "BuiltinPlugins", "EdgeCore", "CSVPlugin", "KafkaPlugin", "NLPPlugin", "TextAnalysis", "GroqPlugin",
                "ExecPlugin", .product(name: "Logging", package: "swift-log"),
            ],
            path: "fuzz/Sources",
            swiftSettings: swiftSettings
        )
    )
}
