// `pnpm worker`. Node's on-disk compile cache first, then the real entry point.
import { enableCompileCache } from "node:module"

enableCompileCache()
await import("./cli.ts")
