/**
 * git's rules for a ref name (git check-ref-format), applied to the part after refs/heads/ or
 * refs/tags/, for the names this server creates; a leading '-' is refused too, as GitLab's
 * GitRefValidator does (git's `branch` and `tag` commands could not name it).
 */
export const isValidRefName = (name: string): boolean =>
  name !== "" &&
  name !== "@" &&
  name.length <= 1024 &&
  !name.startsWith("-") &&
  !name.startsWith("/") &&
  !name.endsWith("/") &&
  !name.endsWith(".") &&
  !name.includes("..") &&
  !name.includes("//") &&
  !name.includes("@{") &&
  // Control characters, space, DEL and ~ ^ : ? * [ \ are never part of a ref name.
  ![...name].some((char) => char <= " " || char === "\u007f" || "~^:?*[\\".includes(char)) &&
  name.split("/").every((part) => !part.startsWith(".") && !part.endsWith(".lock"))

/**
 * What a client may name a commit by (`ref_name`, `:sha`, `from`, `to`): anything git could read as
 * one object name. A leading '-' is a name too (a pushed `refs/heads/-x`): the git adapter never
 * passes a name where git reads options.
 */
export const isReadableRef = (ref: string): boolean => ref !== "" && ref.length <= 1024 && !/[\0\n\r]/.test(ref)
