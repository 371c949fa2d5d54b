export { createApp, type AppOptions } from "./app.ts"
export type { AppRuntime } from "./runtime.ts"
export { redactedPath } from "./observability.ts"
