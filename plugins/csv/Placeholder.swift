import EdgeCore
