import { Effect } from "effect"
import { ProjectPolicy } from "../projects/policy.ts"
import { RepositoryPolicy } from "./policy.ts"
import type { Actor } from "../shared/actor.ts"
import { Conflict, Invalid } from "../shared/errors.ts"
import { requireAttributes } from "../shared/required.ts"
import { findCodeRepository } from "./access.ts"
import { compareNames, type RefHead } from "./model.ts"
import { GitRepositories } from "./port.ts"
import { RepositoryReader } from "./reader.ts"
import { isReadableRef, isValidRefName } from "./refs.ts"

/** GET /projects/:id/repository/tags: names in reverse byte order (v2.0, v1.1, v1.0). */
export const listTags = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  const { repo } = yield* findCodeRepository(actor, ref)
  const tags = yield* (yield* RepositoryReader).tags(repo)
  return tags.toSorted((a, b) => compareNames(b.name, a.name))
})

export interface CreateTagInput {
  readonly tagName?: string | undefined
  readonly ref?: string | undefined
}

/** POST /projects/:id/repository/tags (6.x): a lightweight tag at a commit, by anyone who may push. */
export const createTag = Effect.fnUntraced(function* (actor: Actor, projectRef: string, input: CreateTagInput) {
  const { access, repo } = yield* findCodeRepository(actor, projectRef)
  yield* ProjectPolicy.require(RepositoryPolicy.canPush(access))
  yield* requireAttributes(input, [["tagName", "tag_name"], "ref"])
  const name = input.tagName!.trim()
  if (!isValidRefName(name)) return yield* Invalid.field("tag_name", "is invalid")
  const commit = isReadableRef(input.ref!) ? yield* (yield* RepositoryReader).commit(repo, input.ref!) : undefined
  if (commit === undefined) return yield* Invalid.field("ref", "is invalid")
  const created = yield* (yield* GitRepositories).createTag(repo, name, commit.id)
  if (!created) return yield* new Conflict({ message: "Tag already exists" })
  const tag: RefHead = { name, commit }
  return tag
})
