import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  addHook,
  addMember,
  addTeamMember,
  anonymous,
  assignTeamProject,
  attemptDelivery,
  authorizeGitAccess,
  authorizePush,
  claimDue,
  createTeam,
  findVisibleProject,
  getTeam,
  listMembers,
  pageRequest,
  PushRefusal,
  recordPush,
  removeMember,
  updateHook,
  updateMember,
  ZERO_ID,
  type Commit,
} from "@labrador/domain"
import { embed } from "./support.ts"

const GUEST = 10
const DEVELOPER = 30
const MASTER = 40

const world = async () => {
  const domain = embed()
  const owner = await domain.user("olga")
  const other = await domain.user("sam")
  const project = await domain.project(owner, "shared")
  return { ...domain, owner, other, project, newProject: domain.project }
}

describe("project members with in-memory ports", () => {
  it("masters add, change and remove members; a developer is refused; a level outside the scale is invalid", async () => {
    const { run, fails, owner, other, project, user, grant } = await world()
    const third = await user("tom")
    expect(await fails(addMember(owner.actor, project.ref, { userId: other.user.id, accessLevel: 45 }))).toMatch(
      /^Invalid .*access_level/,
    )
    const added = await run(addMember(owner.actor, project.ref, { userId: other.user.id, accessLevel: DEVELOPER }))
    expect([added.user.username, added.accessLevel]).toEqual(["sam", DEVELOPER])
    expect(await fails(addMember(other.actor, project.ref, { userId: third.user.id, accessLevel: GUEST }))).toBe(
      "Forbidden {}",
    )
    grant(project.id, other.user.id, DEVELOPER)
    await run(updateMember(owner.actor, project.ref, other.user.id, { accessLevel: MASTER }))
    await run(addMember(other.actor, project.ref, { userId: third.user.id, accessLevel: GUEST }))
    const members = await run(listMembers(owner.actor, project.ref, undefined, pageRequest(1, 20)))
    expect(members.items.map((m) => [m.user.username, m.accessLevel])).toContainEqual(["tom", GUEST])
    await run(removeMember(owner.actor, project.ref, third.user.id))
    expect((await run(listMembers(owner.actor, project.ref, "tom", pageRequest(1, 20)))).items).toEqual([])
  })
})

describe("user teams with in-memory ports", () => {
  it("only admins create teams and fill them; a member sees his team, a stranger does not", async () => {
    const { run, fails, admin, owner, other, project: first, user, newProject } = await world()
    const root = { _tag: "User" as const, user: await admin(), sudoBy: undefined }
    expect(await fails(createTeam(owner.actor, { name: "Core", path: "core" }))).toBe("Forbidden {}")
    expect(await fails(createTeam(anonymous, { name: "Core", path: "core" }))).toBe("Unauthorized {}")
    expect(await fails(createTeam(root, { name: "Core" }))).toBe('MissingAttribute {"attribute":"path"}')
    const team = await run(createTeam(root, { name: "Core", path: "core" }))
    expect(await fails(createTeam(root, { name: "core", path: "other" }))).toMatch(/^Conflict /)
    await run(addTeamMember(root, team.id, { userId: owner.user.id, accessLevel: DEVELOPER }))
    expect(await fails(addTeamMember(root, team.id, { userId: other.user.id, accessLevel: 45 }))).toMatch(
      /^Invalid .*access_level/,
    )
    await run(assignTeamProject(root, team.id, { projectId: first.id, greatestAccessLevel: MASTER }))
    expect(await fails(getTeam(other.actor, team.id))).toBe("NotFound {}")
    // A member added later reaches the team's projects at once, at the lower of his team level and the assignment's cap.
    const second = await newProject(await user("una"), "second")
    await run(assignTeamProject(root, team.id, { projectId: second.id, greatestAccessLevel: DEVELOPER }))
    expect(await fails(findVisibleProject(other.actor, second.ref))).toBe('NotFound {"resource":"Project"}')
    await run(addTeamMember(root, team.id, { userId: other.user.id, accessLevel: MASTER }))
    expect((await run(getTeam(other.actor, team.id))).path).toBe("core")
    expect((await run(findVisibleProject(other.actor, second.ref))).access.level).toBe(DEVELOPER)
  })
})

describe("project hooks with in-memory ports", () => {
  it("masters add hooks with a valid URL; a developer is refused; a push event is delivered to the hook", async () => {
    const { run, fails, store, owner, other, project, grant } = await world()
    grant(project.id, other.user.id, DEVELOPER)
    expect(await fails(addHook(other.actor, project.ref, { url: "http://example.com/hook" }))).toBe("Forbidden {}")
    expect(await fails(addHook(owner.actor, project.ref, { url: "ftp://example.com/hook" }))).toMatch(/^Invalid .*url/)
    const hook = await run(addHook(owner.actor, project.ref, { url: "http://example.com/hook" }))
    expect([hook.pushEvents, hook.issuesEvents]).toEqual([true, false])
    await run(updateHook(owner.actor, project.ref, hook.id, { url: "http://example.com/other", issuesEvents: true }))
    store.events.push({
      name: "push",
      scope: { _tag: "Project", projectId: project.id },
      payload: { ref: "refs/heads/master" },
      occurredAt: new Date(0),
    })
    const now = () => new Date(1000)
    const { due } = await run(claimDue(10, [], { batch: 10, leaseMs: 60_000, now }))
    expect(due.map((d) => d.url)).toEqual(["http://example.com/other"])
    await run(Effect.forEach(due, (d) => attemptDelivery(d, { now })))
    expect(store.sent).toEqual([{ url: "http://example.com/other", payload: { ref: "refs/heads/master" } }])
    expect([...store.deliveries.values()].map((d) => d.delivered)).toEqual([true])
  })
})

const person = { name: "Olga", email: "olga@example.com" }
const commit = (id: string, parentIds: ReadonlyArray<string>, at: number): Commit => ({
  id,
  tree: "t".repeat(40),
  parentIds,
  author: person,
  committer: person,
  authoredAt: { epochSeconds: at, offset: "+0000" },
  committedAt: { epochSeconds: at, offset: "+0000" },
  message: `commit ${at}`,
  messageTruncated: false,
})

describe("push with in-memory ports", () => {
  const A = "a".repeat(40)
  const B = "b".repeat(40)

  it("developers push, guests are refused; a protected branch takes only fast-forwards from masters", async () => {
    const { run, fails, store, other, project, grant } = await world()
    grant(project.id, other.user.id, GUEST)
    expect(await fails(authorizeGitAccess(other.actor, project.ref, "receive-pack"))).toBe("Forbidden {}")
    expect(await fails(authorizeGitAccess(anonymous, project.ref, "receive-pack"))).toBe("Unauthorized {}")
    grant(project.id, other.user.id, DEVELOPER)
    store.protectedBranches.add(`${project.id}:master`)
    const grantOf = await run(authorizeGitAccess(other.actor, project.ref, "receive-pack"))
    const verdicts = await run(
      authorizePush(grantOf, [
        { before: A, after: B, ref: "refs/heads/master" },
        { before: ZERO_ID, after: B, ref: "refs/heads/topic" },
      ]),
    )
    expect(verdicts.map(({ verdict }) => verdict)).toEqual([
      { _tag: "Refuse", reason: PushRefusal.protectedBranch },
      { _tag: "Allow" },
    ])
  })

  it("a first push records the feed's event, sets the default branch and queues the payload with its commits", async () => {
    const { run, store, owner, project } = await world()
    store.commits.set(A, commit(A, [], 1))
    store.commits.set(B, commit(B, [A], 2))
    store.git.set(project.ref, { branches: new Map([["master", B]]), tags: new Map() })
    expect(store.projects.get(project.id)?.defaultBranch).toBeNull()
    await run(
      recordPush(
        owner.user,
        project.id,
        [{ before: ZERO_ID, after: B, ref: "refs/heads/master" }],
        "http://localhost:8080",
      ),
    )
    expect(store.projects.get(project.id)?.defaultBranch).toBe("master")
    const push = store.events.find((e) => e.name === "push")
    expect(push?.payload).toMatchObject({ ref: "refs/heads/master", total_commits_count: 2 })
    expect([...store.projectEvents.values()].filter((e) => e.data !== null)).toHaveLength(1)
  })
})
