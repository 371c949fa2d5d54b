// Section "deep-pages": a list must cost the same on page 1 and on a deep page. Seeds 100,000
// projects straight into the SQLite file of a running server (root's namespace), then times
// GET /api/v3/projects (the caller's authorized projects) and /projects/all at page 1 and page 500.
import { DatabaseSync } from "node:sqlite"
import { join } from "node:path"
import { BenchError, httpGet, startLabrador, summary, type BenchContext, type Section } from "./support.ts"

const PROJECTS = 100_000
const PER_PAGE = 100
const DEEP_PAGE = 500
const SAMPLES = 40
const TARGET_RATIO = 1.5

const seedProjects = (dataDir: string) => {
  const db = new DatabaseSync(join(dataDir, "labrador.sqlite"))
  db.exec("pragma busy_timeout = 10000")
  const namespaceId = (db.prepare("select id from namespaces where path = 'root'").get() as { id: number }).id
  const insert = db.prepare(
    "insert into projects (name, path, description, namespace_id, creator_id, created_at, last_activity_at) values (?, ?, null, ?, 1, ?, ?)",
  )
  const now = Date.now()
  db.exec("begin")
  for (let i = 0; i < PROJECTS; i++) insert.run(`project ${i}`, `project-${i}`, namespaceId, now, now)
  db.exec("commit")
  db.close()
}

/** Median latency in ms of `SAMPLES` sequential GETs (after a few warm-up calls). */
export const medianLatency = async (
  url: string,
  headers: Record<string, string>,
  logTail: () => string,
): Promise<number> => {
  for (let i = 0; i < 5; i++) {
    const res = await httpGet(url, headers, 30_000)
    if (res.status !== 200) throw new BenchError(`${url}: HTTP ${res.status}\n${logTail()}`)
  }
  const times: Array<number> = []
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now()
    const res = await httpGet(url, headers, 30_000)
    if (res.status !== 200) throw new BenchError(`${url}: HTTP ${res.status}\n${logTail()}`)
    times.push(performance.now() - started)
  }
  return summary(times).median
}

export const deepPages: Section = {
  name: "deep-pages",
  description: `GET /projects page 1 vs page ${DEEP_PAGE} over ${PROJECTS.toLocaleString("en-US")} projects`,
  async run(ctx: BenchContext) {
    const server = await startLabrador(ctx, { label: "deep-pages" })
    const seeding = performance.now()
    seedProjects(server.dataDir)
    ctx.log(`seeded ${PROJECTS} projects in ${Math.round(performance.now() - seeding)} ms`)
    for (const list of ["/api/v3/projects", "/api/v3/projects/all"]) {
      const first = await medianLatency(`${server.url}${list}?per_page=${PER_PAGE}&page=1`, server.auth, () =>
        server.child.logTail(5),
      )
      const deep = await medianLatency(`${server.url}${list}?per_page=${PER_PAGE}&page=${DEEP_PAGE}`, server.auth, () =>
        server.child.logTail(5),
      )
      ctx.figure(`${list} page 1 median`, first, "ms", { decimals: 2 })
      ctx.figure(`${list} page ${DEEP_PAGE} median`, deep, "ms", { decimals: 2 })
      ctx.figure(`${list} page ${DEEP_PAGE} / page 1`, deep / first, "×", {
        decimals: 2,
        target: { op: "<=", value: TARGET_RATIO },
      })
    }
    await server.child.stop()
  },
}
