import { Violations, type Invalid } from "../shared/errors.ts"
import type { UserAttributes } from "./model.ts"

// Devise's email check of the era: something@domain with no spaces.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
// GitLab's username (namespace path) characters.
const USERNAME = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/

/** Validates every present attribute; a field listed twice gets every message. */
export const validateUserAttributes = (attrs: UserAttributes): Invalid | undefined => {
  const v = new Violations()
  if (attrs.email !== undefined) v.check(EMAIL.test(attrs.email) && attrs.email.length <= 255, "email", "is invalid")
  if (attrs.password !== undefined) {
    v.check(attrs.password.length >= 6, "password", "is too short (minimum is 6 characters)")
    v.check(attrs.password.length <= 128, "password", "is too long (maximum is 128 characters)")
  }
  if (attrs.name !== undefined) v.check(attrs.name.length <= 255, "name", "is too long (maximum is 255 characters)")
  if (attrs.username !== undefined) {
    v.check(
      USERNAME.test(attrs.username) && !attrs.username.includes("..") && !/\.(git|atom)$/i.test(attrs.username),
      "username",
      "can contain only letters, digits, '_', '-' and '.'. It must start with a letter, digit or '_' and cannot end in '.git'",
    )
    v.check(attrs.username.length <= 255, "username", "is too long (maximum is 255 characters)")
  }
  if (attrs.bio !== undefined) v.check(attrs.bio.length <= 255, "bio", "is too long (maximum is 255 characters)")
  if (attrs.projectsLimit !== undefined)
    v.check(attrs.projectsLimit >= 0, "projects_limit", "must be greater than or equal to 0")
  for (const [field, value] of [
    ["skype", attrs.skype],
    ["linkedin", attrs.linkedin],
    ["twitter", attrs.twitter],
    ["website_url", attrs.websiteUrl],
    ["extern_uid", attrs.externUid],
    ["provider", attrs.provider],
  ] as const) {
    if (value !== undefined) v.check(value.length <= 255, field, "is too long (maximum is 255 characters)")
  }
  return v.toError()
}
