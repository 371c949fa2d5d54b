export { loadConfig, ConfigError, type Config } from "./config.ts"
export { startServer, type RunningServer } from "./server.ts"
export { makeRuntime, repositoriesRoot } from "./layers.ts"
