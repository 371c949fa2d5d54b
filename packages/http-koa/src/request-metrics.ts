import type { Registry } from "prom-client"

/** Upper bounds (seconds) of the request duration histogram. */
const BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

interface Series {
  readonly labels: { readonly method: string; readonly route: string; readonly status: string }
  count: number
  sum: number
  /** Requests per bucket (not cumulative): one per bound, then the +Inf one. */
  readonly buckets: Array<number>
}

interface Sample {
  readonly labels: Record<string, string | number>
  readonly value: number
  readonly metricName?: string
}

/**
 * `http_requests_total` and the `http_request_duration_seconds` histogram by method, route template
 * and status. A request adds to plain numbers (prom-client validates and hashes a labels object on
 * every call, a measurable share of a short request); prom-client's registry lays them out when
 * /-/metrics is scraped, in the same text prom-client's own Counter and Histogram would write.
 */
export class RequestMetrics {
  private readonly series = new Map<string, Map<string, Map<number, Series>>>()

  record(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.series.get(method)
    if (byRoute === undefined) this.series.set(method, (byRoute = new Map()))
    let byStatus = byRoute.get(route)
    if (byStatus === undefined) byRoute.set(route, (byStatus = new Map()))
    let series = byStatus.get(status)
    if (series === undefined)
      byStatus.set(
        status,
        (series = {
          labels: { method, route, status: String(status) },
          count: 0,
          sum: 0,
          buckets: Array.from({ length: BOUNDS.length + 1 }, () => 0),
        }),
      )
    series.count++
    series.sum += seconds
    let bucket = 0
    while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]!) bucket++
    series.buckets[bucket]!++
  }

  /** Adds both metrics to the registry. */
  register(registry: Registry): void {
    registry.registerMetric(
      this.metric("http_requests_total", "HTTP requests by route template and status", "counter", () =>
        this.all().map((s) => ({ labels: s.labels, value: s.count })),
      ) as never,
    )
    registry.registerMetric(
      this.metric(
        "http_request_duration_seconds",
        "HTTP request durations by route template and status",
        "histogram",
        () =>
          this.all().flatMap((s) => {
            let cumulative = 0
            const buckets = BOUNDS.map((le, i): Sample => ({
              labels: { le, ...s.labels },
              value: (cumulative += s.buckets[i]!),
              metricName: "http_request_duration_seconds_bucket",
            }))
            return [
              ...buckets,
              {
                labels: { le: "+Inf", ...s.labels },
                value: s.count,
                metricName: "http_request_duration_seconds_bucket",
              },
              { labels: s.labels, value: s.sum, metricName: "http_request_duration_seconds_sum" },
              { labels: s.labels, value: s.count, metricName: "http_request_duration_seconds_count" },
            ]
          }),
      ) as never,
    )
  }

  private all(): Array<Series> {
    return [...this.series.values()].flatMap((byRoute) =>
      [...byRoute.values()].flatMap((byStatus) => [...byStatus.values()]),
    )
  }

  /** What prom-client's registry reads from a metric. */
  private metric(name: string, help: string, type: "counter" | "histogram", values: () => Array<Sample>) {
    const get = async () => ({ name, help, type, values: values(), aggregator: "sum" as const })
    return { name, help, type, aggregator: "sum", get, reset: () => this.series.clear() }
  }
}
