import { Violations, type Invalid } from "../shared/errors.ts"
import { isValidPath, PATH_MESSAGE, RESERVED_PATHS } from "../projects/rules.ts"

// A group name: letters, digits, spaces, '_', '-' and '.'.
const GROUP_NAME = /^[\p{L}\p{N}_\-. ]+$/u
const TOO_LONG = "is too long (maximum is 255 characters)"

/**
 * A namespace-like path (groups, teams): letters, digits, '_', '-', '.', letter first, no '..' and
 * no web UI route word; the most telling message only.
 */
export const checkPath = (v: Violations, path: string): Violations => {
  if (path.length > 255) return v.add("path", TOO_LONG)
  if (RESERVED_PATHS.has(path.toLowerCase())) return v.add("path", "is reserved")
  return v.check(isValidPath(path), "path", PATH_MESSAGE)
}

export const validateGroup = (attrs: { readonly name: string; readonly path: string }): Invalid | undefined => {
  const v = new Violations()
  v.check(GROUP_NAME.test(attrs.name), "name", "can contain only letters, digits, spaces, '_', '-' and '.'")
  v.check(attrs.name.length <= 255, "name", TOO_LONG)
  return checkPath(v, attrs.path).toError()
}
