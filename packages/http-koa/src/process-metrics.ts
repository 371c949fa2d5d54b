// oxlint-disable-next-line typescript/triple-slash-reference -- the declarations are ambient (wildcard module), so they cannot be imported
/// <reference path="./prom-client-metrics.d.ts" />
// prom-client's default process metrics, all but its GC duration histogram. That one observes every
// young-generation collection (about a thousand a second under load with the start script's 4 MB
// semi-space); it cost some 10 MB of RSS for little an operator reads.
import type { Registry } from "prom-client"
import eventLoopLag from "prom-client/lib/metrics/eventLoopLag.js"
import heapSizeAndUsed from "prom-client/lib/metrics/heapSizeAndUsed.js"
import heapSpacesSizeAndUsed from "prom-client/lib/metrics/heapSpacesSizeAndUsed.js"
import osMemoryHeap from "prom-client/lib/metrics/osMemoryHeap.js"
import processCpuTotal from "prom-client/lib/metrics/processCpuTotal.js"
import processHandles from "prom-client/lib/metrics/processHandles.js"
import processMaxFileDescriptors from "prom-client/lib/metrics/processMaxFileDescriptors.js"
import processOpenFileDescriptors from "prom-client/lib/metrics/processOpenFileDescriptors.js"
import processRequests from "prom-client/lib/metrics/processRequests.js"
import processResources from "prom-client/lib/metrics/processResources.js"
import processStartTime from "prom-client/lib/metrics/processStartTime.js"
import version from "prom-client/lib/metrics/version.js"

const collectors = [
  processCpuTotal,
  processStartTime,
  osMemoryHeap,
  processOpenFileDescriptors,
  processMaxFileDescriptors,
  eventLoopLag,
  processResources,
  processHandles,
  processRequests,
  heapSizeAndUsed,
  heapSpacesSizeAndUsed,
  version,
]

export const collectProcessMetrics = (registry: Registry): void => {
  for (const collect of collectors) collect(registry, { eventLoopMonitoringPrecision: 10 })
}
