import CXGBoost

/// XGBoost's C API, loaded from `libxgboost.so.0` on first use (see `CXGBoost/shim.h`): OpenMP's idle
/// threads sleep (`OMP_WAIT_POLICY=PASSIVE` unless set) instead of spinning on the cores the other stages
/// need, and a box without the library still runs every other model.
enum XGBoostLibrary {
    /// The functions, or why the library could not be loaded.
    static let api: Result<retail_edge_xgboost_api, XGBoostError> = {
        var api = retail_edge_xgboost_api()
        if let failure = retail_edge_xgboost_load(&api) {
            return .failure(XGBoostError(call: "dlopen(libxgboost.so.0)", message: String(cString: failure)))
        }
        return .success(api)
    }()

    /// The loaded functions; throws when the library is missing.
    static func loaded() throws(XGBoostError) -> retail_edge_xgboost_api {
        try api.get()
    }
}
