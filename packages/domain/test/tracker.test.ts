import { describe, expect, it } from "@effect/vitest"
import {
  anonymous,
  createIssue,
  createMilestone,
  createNote,
  createSnippet,
  deleteIssue,
  deleteSnippet,
  getIssue,
  listNotes,
  onIssue,
  pageRequest,
  snippetContent,
  updateIssue,
  updateMilestone,
  updateSnippet,
  wall,
} from "@labrador/domain"
import { embed } from "./support.ts"

const GUEST = 10
const REPORTER = 20
const DEVELOPER = 30

/** An owner with a project, and a stranger. */
const world = async () => {
  const domain = embed()
  const owner = await domain.user("olga")
  const other = await domain.user("sam")
  const project = await domain.project(owner, "tracker")
  return { ...domain, owner, other, project }
}

describe("issues with in-memory ports", () => {
  it("a guest opens an issue: iid 1, the feed's event and the hook event recorded", async () => {
    const { run, store, other, project, grant } = await world()
    grant(project.id, other.user.id, GUEST)
    const view = await run(createIssue(other.actor, project.ref, { title: "Broken", labels: [" bug ", "bug"] }))
    expect([view.issue.iid, view.issue.title, view.issue.labels, view.issue.state, view.author.username]).toEqual([
      1,
      "Broken",
      ["bug"],
      "opened",
      "sam",
    ])
    expect(
      [...store.projectEvents.values()]
        .filter((e) => e.targetType === "Issue")
        .map((e) => [e.actionName, e.targetId, e.authorId]),
    ).toEqual([["opened", view.issue.id, other.user.id]])
    expect(store.events.filter((e) => e.name === "issue")).toHaveLength(1)
  })

  it("refuses: anonymous 401 before the missing title, a stranger 404, a title too long 400", async () => {
    const { fails, other, owner, project } = await world()
    expect(await fails(createIssue(anonymous, project.ref, {}))).toBe("Unauthorized {}")
    expect(await fails(createIssue(owner.actor, project.ref, {}))).toBe('MissingAttribute {"attribute":"title"}')
    expect(await fails(createIssue(other.actor, project.ref, { title: "x" }))).toBe('NotFound {"resource":"Project"}')
    expect(await fails(createIssue(owner.actor, project.ref, { title: "t".repeat(256) }))).toMatch(/^Invalid .*title/)
  })

  it("only the author, the assignee or a master modifies; closing writes the system note; deleting is never allowed", async () => {
    const { run, fails, store, owner, other, project, grant } = await world()
    const view = await run(createIssue(owner.actor, project.ref, { title: "Mine" }))
    grant(project.id, other.user.id, DEVELOPER)
    expect(await fails(updateIssue(other.actor, project.ref, view.issue.id, { title: "theirs" }))).toBe("Forbidden {}")
    const closed = await run(updateIssue(owner.actor, project.ref, view.issue.id, { stateEvent: "close" }))
    expect(closed.issue.state).toBe("closed")
    expect([...store.notes.values()].map((n) => [n.system, n.noteable])).toEqual([
      [true, { type: "Issue", id: view.issue.id }],
    ])
    expect(await fails(updateIssue(owner.actor, project.ref, view.issue.id, { stateEvent: "close" }))).toMatch(
      /^Invalid .*state_event/,
    )
    expect((await run(getIssue(other.actor, project.ref, view.issue.id))).issue.state).toBe("closed")
    expect(await fails(deleteIssue(owner.actor))).toBe("NotAllowed {}")
  })
})

describe("milestones with in-memory ports", () => {
  it("masters create and close them; a developer is refused; an impossible date is invalid", async () => {
    const { run, fails, owner, other, project, grant } = await world()
    grant(project.id, other.user.id, DEVELOPER)
    expect(await fails(createMilestone(other.actor, project.ref, { title: "v1" }))).toBe("Forbidden {}")
    expect(await fails(createMilestone(owner.actor, project.ref, { title: "v1", dueDate: "2013-02-30" }))).toMatch(
      /^Invalid .*due_date/,
    )
    const milestone = await run(createMilestone(owner.actor, project.ref, { title: "v1", dueDate: "2013-03-01" }))
    expect([milestone.title, milestone.dueDate, milestone.state]).toEqual(["v1", "2013-03-01", "active"])
    expect((await run(updateMilestone(owner.actor, project.ref, milestone.id, { stateEvent: "close" }))).state).toBe(
      "closed",
    )
  })
})

describe("notes with in-memory ports", () => {
  it("a guest comments an issue and the wall; the body is required; a stranger does not see the project", async () => {
    const { run, fails, store, owner, other, project, grant } = await world()
    const issue = await run(createIssue(owner.actor, project.ref, { title: "Talk" }))
    expect(await fails(createNote(other.actor, project.ref, wall, { body: "hi" }))).toBe(
      'NotFound {"resource":"Project"}',
    )
    grant(project.id, other.user.id, GUEST)
    expect(await fails(createNote(other.actor, project.ref, wall, {}))).toBe('MissingAttribute {"attribute":"body"}')
    await run(createNote(other.actor, project.ref, onIssue(issue.issue.id), { body: "on the issue" }))
    await run(createNote(other.actor, project.ref, wall, { body: "on the wall" }))
    const onTheIssue = await run(listNotes(owner.actor, project.ref, onIssue(issue.issue.id), pageRequest(1, 20)))
    expect(onTheIssue.items.map((v) => v.note.body)).toEqual(["on the issue"])
    // The issue's note is an activity event; the wall note is not.
    expect([...store.projectEvents.values()].filter((e) => e.targetType === "Note")).toHaveLength(1)
  })
})

describe("snippets with in-memory ports", () => {
  it("reporters create; a guest is refused; only the author or a master edits; the content is read apart", async () => {
    const { run, fails, owner, other, project, grant } = await world()
    grant(project.id, other.user.id, GUEST)
    const input = { title: "hello", fileName: "hello.rb", content: "puts 1" }
    expect(await fails(createSnippet(other.actor, project.ref, input))).toBe("Forbidden {}")
    grant(project.id, other.user.id, REPORTER)
    expect(await fails(createSnippet(other.actor, project.ref, { ...input, fileName: "../x" }))).toMatch(
      /^Invalid .*file_name/,
    )
    const mine = await run(createSnippet(owner.actor, project.ref, input))
    expect(await fails(updateSnippet(other.actor, project.ref, mine.snippet.id, { title: "theirs" }))).toBe(
      "Forbidden {}",
    )
    await run(updateSnippet(owner.actor, project.ref, mine.snippet.id, { content: "puts 2" }))
    expect(await run(snippetContent(other.actor, project.ref, mine.snippet.id))).toBe("puts 2")
    expect((await run(deleteSnippet(owner.actor, project.ref, mine.snippet.id)))._tag).toBe("Removed")
  })
})
