import { StringDecoder } from "node:string_decoder"
import {
  TRUNCATED_MESSAGE_NOTICE,
  type Commit,
  type CommitTime,
  type FileDiff,
  type Person,
  type TreeEntry,
} from "@labrador/domain"

/** `Name <email> 1340800299 -0700`, as in author and committer lines. */
const SIGNATURE = /^(.*?) ?<([^>]*)> (-?\d+) ([+-]\d{4})$/

const signature = (line: string | undefined): { person: Person; time: CommitTime } => {
  const match = line === undefined ? null : SIGNATURE.exec(line)
  if (match === null) return { person: { name: "", email: "" }, time: { epochSeconds: 0, offset: "+0000" } }
  return { person: { name: match[1]!, email: match[2]! }, time: { epochSeconds: Number(match[3]), offset: match[4]! } }
}

/**
 * A raw commit object (`git cat-file commit`), or the head of one `size` bytes long: its message
 * is then cut where a whole character ends and marked with GitLab's notice.
 */
export const parseCommit = (id: string, content: Buffer, size: number = content.length): Commit => {
  const truncated = content.length < size
  // The decoder keeps back a character the cut split, where toString would make it U+FFFD.
  const text = truncated ? new StringDecoder("utf8").write(content) : content.toString("utf8")
  const split = text.indexOf("\n\n")
  const headerText = split < 0 ? text : text.slice(0, split)
  const message = split < 0 ? "" : text.slice(split + 2)
  let tree = ""
  let author: string | undefined
  let committer: string | undefined
  const parentIds: Array<string> = []
  for (const line of headerText.split("\n")) {
    // Continuation lines (gpgsig, mergetag) start with a space and carry nothing we show.
    const space = line.indexOf(" ")
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (key === "tree") tree = value
    else if (key === "parent") parentIds.push(value)
    else if (key === "author") author = value
    else if (key === "committer") committer = value
  }
  const a = signature(author)
  const c = signature(committer)
  return {
    id,
    tree,
    parentIds,
    author: a.person,
    committer: c.person,
    authoredAt: a.time,
    committedAt: c.time,
    message: truncated ? `${message.replace(/\s+$/, "")}\n\n${TRUNCATED_MESSAGE_NOTICE}` : message.replace(/\n+$/, ""),
    messageTruncated: truncated,
  }
}

const typeOfMode = (mode: string): TreeEntry["type"] =>
  mode === "040000" ? "tree" : mode === "160000" ? "submodule" : "blob"

/** A raw tree object: `<mode> <name>\0<20-byte id>` entries, in git's order. */
export const parseTree = (content: Buffer): ReadonlyArray<TreeEntry> => {
  const entries: Array<TreeEntry> = []
  let at = 0
  while (at < content.length) {
    const space = content.indexOf(32, at)
    const nul = content.indexOf(0, space)
    if (space < 0 || nul < 0 || nul + 21 > content.length) throw new Error("malformed tree object")
    const mode = content.toString("latin1", at, space).padStart(6, "0")
    entries.push({
      id: content.toString("hex", nul + 1, nul + 21),
      name: content.toString("utf8", space + 1, nul),
      type: typeOfMode(mode),
      mode,
    })
    at = nul + 21
  }
  return entries
}

interface RawChange {
  readonly oldMode: string
  readonly newMode: string
  readonly status: string
  readonly path: string
}

const NO_MODE = "000000"

/**
 * `git diff-tree -r --no-renames --raw -z -p`: NUL-terminated raw records (":old new oldId newId S\0path\0"),
 * a NUL, then the patch, one `diff --git` section per record and in the same order.
 */
export const parseDiff = (output: Buffer): ReadonlyArray<FileDiff> => {
  const changes: Array<RawChange> = []
  let at = 0
  while (at < output.length && output[at] === 0x3a /* ':' */) {
    const headerEnd = output.indexOf(0, at)
    const pathEnd = output.indexOf(0, headerEnd + 1)
    if (headerEnd < 0 || pathEnd < 0) throw new Error("malformed raw diff")
    const [oldMode = NO_MODE, newMode = NO_MODE, , , status = "M"] = output
      .toString("latin1", at + 1, headerEnd)
      .split(" ")
    changes.push({ oldMode, newMode, status, path: output.toString("utf8", headerEnd + 1, pathEnd) })
    at = pathEnd + 1
  }
  if (output[at] === 0) at++
  const sections = output
    .toString("utf8", at)
    .split(/^(?=diff --git )/m)
    .filter((section) => section.startsWith("diff --git "))
  return changes.map((change, index) => {
    const section = sections[index] ?? ""
    // From the ---/+++ lines on (or git's "Binary files … differ"): without the diff --git and index headers.
    const start = section.search(/^(--- |Binary files )/m)
    return {
      diff: start < 0 ? "" : section.slice(start),
      oldPath: change.path,
      newPath: change.path,
      aMode: change.oldMode === NO_MODE ? null : change.oldMode,
      bMode: change.newMode === NO_MODE ? null : change.newMode,
      newFile: change.status === "A",
      renamedFile: false,
      deletedFile: change.status === "D",
    }
  })
}
