import { Violations, type Invalid } from "../shared/errors.ts"

// GitLab 5.x: a name starts with a letter, then letters, digits, spaces, '_', '-', '.'.
const NAME = /^[a-zA-Z][a-zA-Z0-9_\-. ]*$/
// A path: letters, digits, '_', '-', '.', starting with a letter; never '..' or a '.git' suffix.
const PATH = /^[a-zA-Z][a-zA-Z0-9_\-.]*$/
/** GitLab 5.x's path blacklist: the web UI's own routes. */
export const RESERVED_PATHS = new Set([
  "admin",
  "api",
  "assets",
  "dashboard",
  "files",
  "groups",
  "help",
  "hooks",
  "issues",
  "merge_requests",
  "new",
  "notes",
  "profile",
  "projects",
  "public",
  "repository",
  "s",
  "search",
  "services",
  "snippets",
  "teams",
  "u",
  "users",
])

export const NAME_MESSAGE = "can contain only letters, digits, '_', '-', '.' and space. It should start with letter."
export const PATH_MESSAGE = "can contain only letters, digits, '_', '-' and '.'. It should start with letter."

/** GitLab's `parameterize`: 'Foo Bar' → 'foo-bar'. */
export const parameterize = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "")

export const isValidPath = (path: string): boolean =>
  PATH.test(path) &&
  !path.includes("..") &&
  !/\.(git|atom)$/.test(path) &&
  path.length <= 255 &&
  !RESERVED_PATHS.has(path.toLowerCase())

/**
 * GitLab allows 255 characters, but the repository is the directory `<path>.git`, which must fit
 * the file system's NAME_MAX (255 bytes, and the path is ASCII): 4 fewer. Namespace paths
 * (usernames, groups) are directories with no suffix and keep GitLab's 255; the storage's own
 * names (`.deleted-<uuid>`) do not derive from the path.
 */
export const PROJECT_PATH_MAX = 255 - ".git".length

export const validateProject = (attrs: {
  readonly name: string
  readonly path: string
  readonly description?: string | undefined
}): Invalid | undefined => {
  const v = new Violations()
  v.check(NAME.test(attrs.name), "name", NAME_MESSAGE)
  v.check(attrs.name.length <= 255, "name", "is too long (maximum is 255 characters)")
  if (attrs.path.length > PROJECT_PATH_MAX) v.add("path", `is too long (maximum is ${PROJECT_PATH_MAX} characters)`)
  else v.check(isValidPath(attrs.path), "path", PATH_MESSAGE)
  if (attrs.description !== undefined)
    v.check(attrs.description.length <= 2000, "description", "is too long (maximum is 2000 characters)")
  return v.toError()
}
