import { Effect } from "effect"
import { NamespaceRepository } from "../namespaces/repository.ts"
import { Conflict } from "../shared/errors.ts"
import { UserRepository } from "./repository.ts"

/**
 * 409 when the email or username belongs to someone else, or the username is a namespace path
 * already (groups and users share one path space). Every taken field is named.
 */
export const ensureUnique = Effect.fnUntraced(function* (
  wanted: { readonly email?: string | undefined; readonly username?: string | undefined },
  exceptUserId?: number,
) {
  const users = yield* UserRepository
  const namespaces = yield* NamespaceRepository
  const taken: Record<string, Array<string>> = {}
  if (wanted.email !== undefined && (yield* users.emailTaken(wanted.email, exceptUserId)))
    taken.email = ["has already been taken"]
  if (
    wanted.username !== undefined &&
    ((yield* users.usernameTaken(wanted.username, exceptUserId)) ||
      (yield* namespaces.pathTaken(wanted.username, exceptUserId)))
  )
    taken.username = ["has already been taken"]
  if (Object.keys(taken).length > 0) return yield* new Conflict({ message: taken })
})
