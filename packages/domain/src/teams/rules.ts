import { checkPath } from "../groups/rules.ts"
import { Violations, type Invalid } from "../shared/errors.ts"

/** A team name is free text up to 255 characters; its path follows the namespace path rule. */
export const validateTeam = (attrs: { readonly name: string; readonly path: string }): Invalid | undefined => {
  const v = new Violations()
  v.check(attrs.name.length <= 255, "name", "is too long (maximum is 255 characters)")
  return checkPath(v, attrs.path).toError()
}
