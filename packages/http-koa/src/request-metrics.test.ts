import { Counter, Histogram, Registry } from "prom-client"
import { describe, expect, it } from "vitest"
import { RequestMetrics } from "./request-metrics.ts"

const observations: Array<[string, string, number, number]> = [
  ["GET", "/api/v3/user", 200, 0.0004],
  ["GET", "/api/v3/user", 200, 0.001],
  ["GET", "/api/v3/user", 200, 0.0031],
  ["GET", "/api/v3/users/:id", 404, 0.02],
  ["POST", "/api/v3/projects", 201, 7.5],
  ["GET", "/api/v3/user", 401, 0.0002],
]

describe("RequestMetrics", () => {
  it("writes the same text as prom-client's own Counter and Histogram fed the same requests", async () => {
    const ours = new Registry()
    const metrics = new RequestMetrics()
    metrics.register(ours)
    const theirs = new Registry()
    const labelNames = ["method", "route", "status"] as const
    const counter = new Counter({
      name: "http_requests_total",
      help: "HTTP requests by route template and status",
      labelNames,
      registers: [theirs],
    })
    const histogram = new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request durations by route template and status",
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [theirs],
    })
    for (const [method, route, status, seconds] of observations) {
      metrics.record(method, route, status, seconds)
      const labels = { method, route, status: String(status) }
      counter.inc(labels)
      histogram.observe(labels, seconds)
    }
    const lines = (text: string) =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .sort()
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()))
    expect(await ours.metrics()).toContain(
      'http_request_duration_seconds_bucket{le="0.001",method="GET",route="/api/v3/user",status="200"} 2',
    )
  })
})
