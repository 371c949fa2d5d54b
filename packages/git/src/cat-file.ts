import { git, spawnGit, type GitProcess } from "./command.ts"

/** What `git cat-file` says of an object. */
export interface ObjectInfo {
  readonly id: string
  readonly type: "blob" | "tree" | "commit" | "tag"
  readonly size: number
}

export interface ObjectData extends ObjectInfo {
  /** The object's bytes; only the first `maxBytes` of them when it was read with a limit (then shorter than `size`). */
  readonly content: Buffer
}

interface Pending {
  readonly kind: "info" | "contents"
  /** Most bytes of the content kept; the rest is read off the pipe and dropped. */
  readonly maxBytes: number
  info?: ObjectInfo
  content?: Buffer
  /** Bytes still to drop once `content` is kept: the part over the limit and the closing newline. */
  toDrop?: number
  resolve(value: ObjectData | ObjectInfo | undefined): void
  reject(error: Error): void
}

const HEADER = /^([0-9a-f]{40}) (blob|tree|commit|tag) (\d+)$/

/**
 * One long-lived `git cat-file --batch-command` on one repository. Requests are pipelined: each
 * is written at once and answered in order, so concurrent readers never wait for a round trip
 * each. git looks refs and packs up again when a name is not found, so the process sees pushes.
 */
export class CatFileProcess {
  private readonly process: GitProcess
  private readonly queue: Array<Pending> = []
  private chunks: Array<Buffer> = []
  private buffered = 0
  private failure: Error | undefined
  lastUsed = Date.now()

  constructor(gitDir: string, onExit: () => void) {
    this.process = spawnGit(git("cat-file", "--batch-command"), { gitDir })
    this.process.stdout.on("data", (chunk: Buffer) => this.receive(chunk))
    void this.process.exited.then((code) => {
      this.fail(new Error(`git cat-file exited with ${code}: ${this.process.stderr().trim()}`))
      onExit()
    })
  }

  get idle(): boolean {
    return this.queue.length === 0
  }

  /** Type and size of the object `name` names (any revision expression), or undefined. */
  info(name: string): Promise<ObjectInfo | undefined> {
    return this.request("info", name) as Promise<ObjectInfo | undefined>
  }

  /**
   * The object `name` names with its content, or undefined. With `maxBytes`, at most that much of
   * the content is kept in memory, however large the object: a 30 MB commit message costs a read
   * of the pipe, not 30 MB per reader.
   */
  contents(name: string, maxBytes = Number.POSITIVE_INFINITY): Promise<ObjectData | undefined> {
    return this.request("contents", name, maxBytes) as Promise<ObjectData | undefined>
  }

  close(): void {
    this.process.stdin.end()
    this.process.kill()
  }

  private request(
    kind: Pending["kind"],
    name: string,
    maxBytes = Number.POSITIVE_INFINITY,
  ): Promise<ObjectData | ObjectInfo | undefined> {
    // The protocol is line based: a name with a line break could ask for a second object.
    if (/[\n\r\0]/.test(name)) return Promise.resolve(undefined)
    if (this.failure) return Promise.reject(this.failure)
    this.lastUsed = Date.now()
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, maxBytes, resolve, reject })
      this.process.stdin.write(`${kind} ${name}\n`)
    })
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const pending of this.queue.splice(0)) pending.reject(this.failure)
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.buffered += chunk.length
    try {
      this.drain()
    } catch (error) {
      this.fail(error as Error)
      this.close()
    }
  }

  /** Where the first line of what arrived ends, or -1 while it has not all arrived. */
  private lineEnd(): number {
    let offset = 0
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(10)
      if (at >= 0) return offset + at
      offset += chunk.length
    }
    return -1
  }

  /**
   * Removes the first `bytes` bytes of what arrived and returns them as one buffer. Chunks are
   * only joined as far as needed: git may be many objects ahead, and joining all of it for every
   * object would copy the same bytes over and over.
   */
  private take(bytes: number): Buffer {
    this.buffered -= bytes
    const first = this.chunks[0]!
    if (first.length >= bytes) {
      if (first.length === bytes) this.chunks.shift()
      else this.chunks[0] = first.subarray(bytes)
      return first.subarray(0, bytes)
    }
    const parts: Array<Buffer> = []
    for (let needed = bytes; needed > 0;) {
      const chunk = this.chunks[0]!
      if (chunk.length <= needed) {
        parts.push(chunk)
        this.chunks.shift()
        needed -= chunk.length
      } else {
        parts.push(chunk.subarray(0, needed))
        this.chunks[0] = chunk.subarray(needed)
        needed = 0
      }
    }
    return Buffer.concat(parts, bytes)
  }

  /** Removes up to `bytes` bytes of what arrived, without joining them; returns how many. */
  private drop(bytes: number): number {
    let dropped = 0
    while (dropped < bytes && this.chunks.length > 0) {
      const chunk = this.chunks[0]!
      const part = Math.min(chunk.length, bytes - dropped)
      if (part === chunk.length) this.chunks.shift()
      else this.chunks[0] = chunk.subarray(part)
      dropped += part
    }
    this.buffered -= dropped
    return dropped
  }

  private drain(): void {
    for (let pending = this.queue[0]; pending !== undefined; pending = this.queue[0]) {
      if (pending.info === undefined) {
        const end = this.lineEnd()
        if (end < 0) return
        const line = this.take(end + 1).toString("utf8", 0, end)
        const header = HEADER.exec(line)
        // "<name> missing" or "<name> ambiguous"
        if (header === null) {
          this.queue.shift()
          pending.resolve(undefined)
          continue
        }
        pending.info = { id: header[1]!, type: header[2] as ObjectInfo["type"], size: Number(header[3]) }
        if (pending.kind === "info") {
          this.queue.shift()
          pending.resolve(pending.info)
          continue
        }
      }
      // The content (or its head, up to the limit), then the rest and the terminating newline dropped as they come.
      if (pending.content === undefined) {
        const size = pending.info.size
        const kept = Math.min(size, pending.maxBytes)
        if (this.buffered < kept) return
        pending.content = kept === 0 ? Buffer.alloc(0) : this.take(kept)
        pending.toDrop = size - kept + 1
      }
      pending.toDrop! -= this.drop(pending.toDrop!)
      if (pending.toDrop! > 0) return
      this.queue.shift()
      pending.resolve({ ...pending.info, content: pending.content })
    }
  }
}

/**
 * The cat-file processes of the repositories being read: at most `maxProcesses` (least recently
 * used goes first), each closed after `idleMs` without a request.
 */
export class CatFilePool {
  private readonly processes = new Map<string, CatFileProcess>()
  private readonly options: { readonly maxProcesses: number; readonly idleMs: number }
  private readonly sweeper: NodeJS.Timeout

  constructor(
    options: { readonly maxProcesses: number; readonly idleMs: number } = { maxProcesses: 64, idleMs: 30_000 },
  ) {
    this.options = options
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, options.idleMs / 2))
    this.sweeper.unref()
  }

  /** The process reading `gitDir`; `identity` (its inode) tells a repository made again at the same path from the old one. */
  processFor(gitDir: string, identity: string): CatFileProcess {
    const key = `${identity}\0${gitDir}`
    const existing = this.processes.get(key)
    if (existing !== undefined) {
      // Map order is the LRU order: move it to the end.
      this.processes.delete(key)
      this.processes.set(key, existing)
      return existing
    }
    if (this.processes.size >= this.options.maxProcesses) this.evictOne()
    const created: CatFileProcess = new CatFileProcess(gitDir, () => {
      if (this.processes.get(key) === created) this.processes.delete(key)
    })
    this.processes.set(key, created)
    return created
  }

  private forget(key: string): void {
    this.processes.get(key)?.close()
    this.processes.delete(key)
  }

  closeAll(): void {
    clearInterval(this.sweeper)
    for (const process of this.processes.values()) process.close()
    this.processes.clear()
  }

  private evictOne(): void {
    for (const [key, process] of this.processes) {
      if (process.idle) {
        this.forget(key)
        return
      }
    }
    // All busy: the oldest still goes; its pending requests fail rather than the pool growing.
    const oldest = this.processes.keys().next()
    if (!oldest.done) this.forget(oldest.value)
  }

  private sweep(): void {
    const cutoff = Date.now() - this.options.idleMs
    for (const [key, process] of this.processes) if (process.idle && process.lastUsed < cutoff) this.forget(key)
  }
}
