#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <xgboost/c_api.h>

/* The part of XGBoost's C API the forecaster calls, resolved from libxgboost.so.0 at run time
   instead of linked: its OpenMP runtime (libgomp) reads OMP_WAIT_POLICY once, when it is loaded,
   and a process that links it loads it before main. */
typedef struct {
    __typeof__(&XGBGetLastError) getLastError;
    __typeof__(&XGDMatrixCreateFromMat_omp) matrixCreateFromMat;
    __typeof__(&XGDMatrixSetFloatInfo) matrixSetFloatInfo;
    __typeof__(&XGDMatrixFree) matrixFree;
    __typeof__(&XGProxyDMatrixCreate) proxyCreate;
    __typeof__(&XGProxyDMatrixSetDataDense) proxySetDataDense;
    __typeof__(&XGQuantileDMatrixCreateFromCallback) quantileMatrixCreateFromCallback;
    __typeof__(&XGBoosterCreate) boosterCreate;
    __typeof__(&XGBoosterSetParam) boosterSetParam;
    __typeof__(&XGBoosterUpdateOneIter) boosterUpdateOneIter;
    __typeof__(&XGBoosterPredict) boosterPredict;
    __typeof__(&XGBoosterFree) boosterFree;
} retail_edge_xgboost_api;

/* Loads libxgboost.so.0 into `api`, OpenMP's idle threads set to sleep rather than spin
   (OMP_WAIT_POLICY=PASSIVE) unless the environment already says otherwise: spinning threads take
   the cores the agent's other stages need between XGBoost's many short parallel loops. Call once,
   before any other thread reads the environment. NULL on success, else dlerror's message. */
static inline const char *retail_edge_xgboost_load(retail_edge_xgboost_api *api) {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    void *library = dlopen("libxgboost.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return dlerror();
#define RETAIL_EDGE_XGBOOST_SYMBOL(field, name) \
    if ((*(void **)&api->field = dlsym(library, #name)) == NULL) return dlerror();
    RETAIL_EDGE_XGBOOST_SYMBOL(getLastError, XGBGetLastError)
    RETAIL_EDGE_XGBOOST_SYMBOL(matrixCreateFromMat, XGDMatrixCreateFromMat_omp)
    RETAIL_EDGE_XGBOOST_SYMBOL(matrixSetFloatInfo, XGDMatrixSetFloatInfo)
    RETAIL_EDGE_XGBOOST_SYMBOL(matrixFree, XGDMatrixFree)
    RETAIL_EDGE_XGBOOST_SYMBOL(proxyCreate, XGProxyDMatrixCreate)
    RETAIL_EDGE_XGBOOST_SYMBOL(proxySetDataDense, XGProxyDMatrixSetDataDense)
    RETAIL_EDGE_XGBOOST_SYMBOL(quantileMatrixCreateFromCallback, XGQuantileDMatrixCreateFromCallback)
    RETAIL_EDGE_XGBOOST_SYMBOL(boosterCreate, XGBoosterCreate)
    RETAIL_EDGE_XGBOOST_SYMBOL(boosterSetParam, XGBoosterSetParam)
    RETAIL_EDGE_XGBOOST_SYMBOL(boosterUpdateOneIter, XGBoosterUpdateOneIter)
    RETAIL_EDGE_XGBOOST_SYMBOL(boosterPredict, XGBoosterPredict)
    RETAIL_EDGE_XGBOOST_SYMBOL(boosterFree, XGBoosterFree)
#undef RETAIL_EDGE_XGBOOST_SYMBOL
    return NULL;
}
