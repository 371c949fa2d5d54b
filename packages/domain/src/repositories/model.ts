/** What the repository API shows of a project's git repository. Object ids are 40 lower-case hex chars. */

export interface Person {
  readonly name: string
  readonly email: string
}

/** A commit's own timestamp: the instant, and the UTC offset its author's clock had ("+0200"). */
export interface CommitTime {
  readonly epochSeconds: number
  readonly offset: string
}

export interface Commit {
  readonly id: string
  readonly tree: string
  /** First parent first; empty for a root commit. */
  readonly parentIds: ReadonlyArray<string>
  readonly author: Person
  readonly committer: Person
  readonly authoredAt: CommitTime
  readonly committedAt: CommitTime
  /**
   * The message without its trailing newlines: whole when the commit fits in COMMIT_READ_BYTES,
   * else its head, ending with TRUNCATED_MESSAGE_NOTICE.
   */
  readonly message: string
  /** The message was cut (the commit is larger than what is read of it). */
  readonly messageTruncated: boolean
}

/**
 * How much of a commit object is read (headers and message) wherever a commit is shown: lists,
 * branches and tags, ref lookups, push payloads. One commit's message can be gigabytes; a page of
 * 100 commits then holds at most 6.4 MB of them. GitLab shows messages whole up to 10 MB and says
 * "--commit message is too big" past that (Gitlab::Git::Commit); v3's commit entities show only a
 * title, so one cap serves every read here.
 */
export const COMMIT_READ_BYTES = 64 * 1024

/** What ends a message cut at COMMIT_READ_BYTES: GitLab's words for a message it does not show. */
export const TRUNCATED_MESSAGE_NOTICE = "--commit message is too big"

/** A branch or a tag with the commit it finally points to. */
export interface RefHead {
  readonly name: string
  readonly commit: Commit
}

export interface Branch extends RefHead {
  readonly protected: boolean
}

export interface TreeEntry {
  readonly id: string
  readonly name: string
  readonly type: "tree" | "blob" | "submodule"
  /** Octal, zero-padded to six digits ("040000", "100644"). */
  readonly mode: string
}

/** The changes of one file between two trees. */
export interface FileDiff {
  /** The unified diff from its `---` line on (or git's "Binary files … differ" line). */
  readonly diff: string
  readonly oldPath: string
  readonly newPath: string
  readonly aMode: string | null
  readonly bMode: string | null
  readonly newFile: boolean
  readonly renamedFile: boolean
  readonly deletedFile: boolean
}

/** The bytes of a blob: in memory when small, produced on demand when large. */
export interface Blob {
  readonly id: string
  readonly size: number
  readonly content: Uint8Array | (() => AsyncIterable<Uint8Array>)
}

export interface Contributor {
  readonly name: string
  readonly email: string
  readonly commits: number
  readonly additions: number
  readonly deletions: number
}

export interface Comparison {
  readonly commit: Commit | null
  /** Oldest first. */
  readonly commits: ReadonlyArray<Commit>
  readonly diffs: ReadonlyArray<FileDiff>
  readonly compareTimeout: boolean
  readonly compareSameRef: boolean
}

export type ArchiveFormat = "tar.gz" | "tar" | "zip"

export interface Archive {
  readonly fileName: string
  readonly format: ArchiveFormat
  readonly content: () => AsyncIterable<Uint8Array>
}

/** One ref a push changed, as git reports it: `before` is all zeros for a creation, `after` for a deletion. */
export interface RefUpdate {
  readonly before: string
  readonly after: string
  readonly ref: string
}

export const ZERO_ID = "0000000000000000000000000000000000000000"

export const BRANCH_PREFIX = "refs/heads/"
export const TAG_PREFIX = "refs/tags/"

const pad = (n: number) => String(n).padStart(2, "0")

/** ISO-8601 in the commit's own offset, seconds precision: "2012-06-27T05:51:39-07:00" (Grit's rendering). */
export const commitTimeIso = (time: CommitTime): string => {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(time.offset)
  const sign = match?.[1] === "-" ? -1 : 1
  const offsetMinutes = match ? sign * (Number(match[2]) * 60 + Number(match[3])) : 0
  const local = new Date((time.epochSeconds + offsetMinutes * 60) * 1000)
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  const zone = match ? `${match[1]}${match[2]}:${match[3]}` : "+00:00"
  return `${date}T${clock}${zone}`
}

/** The first line of a commit message. */
export const commitTitle = (commit: Commit): string => commit.message.split("\n", 1)[0] ?? ""

/** Byte order of the UTF-8 encodings (= code point order), as git sorts ref names. */
export const compareNames = (a: string, b: string): number => {
  const left = [...a]
  const right = [...b]
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!
    if (difference !== 0) return difference
  }
  return left.length - right.length
}
