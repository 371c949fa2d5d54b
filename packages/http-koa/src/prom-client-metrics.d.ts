// prom-client's default metrics one by one (its package has no types for them).
declare module "prom-client/lib/metrics/*" {
  import type { Registry } from "prom-client"
  const collect: (registry: Registry, config: { readonly eventLoopMonitoringPrecision?: number }) => void
  export default collect
}
