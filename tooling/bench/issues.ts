// Section "issues-pages": GET /projects/:id/issues must cost the same on page 1 and on page 1,000.
// Seeds 100,000 issues (every tenth with two labels) straight into the SQLite file of a running
// server, in one project of root's, then times page 1 and page 1,000 at the default per_page (20).
import { DatabaseSync } from "node:sqlite"
import { join } from "node:path"
import { medianLatency } from "./deep-pages.ts"
import { BenchError, startLabrador, type BenchContext, type Section } from "./support.ts"

const ISSUES = 100_000
const DEEP_PAGE = 1_000
const TARGET_RATIO = 1.5

const seedIssues = (dataDir: string, projectId: number, authorId: number) => {
  const db = new DatabaseSync(join(dataDir, "labrador.sqlite"))
  db.exec("pragma busy_timeout = 10000")
  const issue = db.prepare(
    "insert into issues (project_id, iid, title, description, author_id, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  )
  const label = db.prepare("insert into issue_labels (issue_id, project_id, name, position) values (?, ?, ?, ?)")
  const now = Date.now()
  db.exec("begin")
  for (let iid = 1; iid <= ISSUES; iid++) {
    const { lastInsertRowid } = issue.run(
      projectId,
      iid,
      `issue ${iid}`,
      `description of issue ${iid}`,
      authorId,
      iid % 3 === 0 ? "closed" : "opened",
      now,
      now,
    )
    if (iid % 10 === 0)
      for (const [position, name] of ["bug", "ui"].entries()) label.run(lastInsertRowid, projectId, name, position)
  }
  db.prepare("insert into project_counters (project_id, name, value) values (?, 'issues', ?)").run(projectId, ISSUES)
  db.exec("commit")
  db.close()
}

export const issuesPages: Section = {
  name: "issues-pages",
  description: `GET /projects/:id/issues page 1 vs page ${DEEP_PAGE} over ${ISSUES.toLocaleString("en-US")} issues`,
  async run(ctx: BenchContext) {
    const server = await startLabrador(ctx, { label: "issues-pages" })
    const created = await fetch(`${server.url}/api/v3/projects`, {
      method: "POST",
      headers: { ...server.auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "bench issues" }),
    })
    if (created.status !== 201)
      throw new BenchError(`POST /projects: HTTP ${created.status}\n${server.child.logTail(5)}`)
    const project = (await created.json()) as { id: number; owner: { id: number } }
    const seeding = performance.now()
    seedIssues(server.dataDir, project.id, project.owner.id)
    ctx.log(`seeded ${ISSUES} issues in ${Math.round(performance.now() - seeding)} ms`)
    const list = `${server.url}/api/v3/projects/${project.id}/issues`
    const first = await medianLatency(`${list}?page=1`, server.auth, () => server.child.logTail(5))
    const deep = await medianLatency(`${list}?page=${DEEP_PAGE}`, server.auth, () => server.child.logTail(5))
    ctx.figure("/projects/:id/issues page 1 median", first, "ms", { decimals: 2 })
    ctx.figure(`/projects/:id/issues page ${DEEP_PAGE} median`, deep, "ms", { decimals: 2 })
    ctx.figure(`/projects/:id/issues page ${DEEP_PAGE} / page 1`, deep / first, "×", {
      decimals: 2,
      target: { op: "<=", value: TARGET_RATIO },
    })
    await server.child.stop()
  },
}
