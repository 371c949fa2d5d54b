import { Effect } from "effect"
import { MissingAttribute } from "./errors.ts"

/** Rails' `present?`: absent, null and whitespace-only strings count as missing. */
export const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "")

/**
 * Fails with the first missing attribute, in the order the endpoint lists them. `names` maps the
 * input key to the attribute name the client sent (they differ where the API is snake_case).
 */
export const requireAttributes = <T extends object>(
  input: T,
  names: ReadonlyArray<readonly [keyof T & string, string] | (keyof T & string)>,
): Effect.Effect<void, MissingAttribute> => {
  for (const entry of names) {
    const [key, attribute]: readonly [keyof T & string, string] = typeof entry === "string" ? [entry, entry] : entry
    if (isBlank(input[key])) return Effect.fail(new MissingAttribute({ attribute }))
  }
  return Effect.void
}

/**
 * GitLab's `attributes_for_keys`: only the attributes given count. Absent, null and blank ones
 * are left out, so an update with an empty title keeps the stored one.
 */
export const givenAttributes = <T extends object>(input: T): Partial<T> => {
  const given: Partial<T> = {}
  for (const key of Object.keys(input) as Array<keyof T>) if (!isBlank(input[key])) given[key] = input[key]
  return given
}
