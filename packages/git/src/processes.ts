import { spawnGit, type GitCommand, type GitProcess, type GitRunOptions } from "./command.ts"

/** What the transport needs of a request to know when its client is gone. */
export interface RequestLifetime {
  readonly res: {
    on(event: "close", listener: () => void): unknown
    readonly writableFinished: boolean
    readonly closed: boolean
  }
}

/**
 * The smart-HTTP transport's git processes: at most `max` at once, each tied to the request that
 * started it from the moment it is spawned. A client decides how long such a process lives (it
 * feeds its stdin and reads its stdout), so none may outlast its request.
 */
export class TransportProcesses {
  private running = 0
  readonly max: number

  constructor(max: number) {
    this.max = max
  }

  /** Processes spawned and not yet gone (their pipes closed): for tests and metrics. */
  get live(): number {
    return this.running
  }

  /**
   * Spawns git for `request`, or answers undefined beyond the cap (or when the client already left).
   * When the client goes before the response is whole, git's stdin is ended and git is killed after
   * `graceMs` (0: at once); when the response ends, a git still running is killed.
   */
  spawn(
    request: RequestLifetime,
    command: GitCommand,
    options: Omit<GitRunOptions, "input" | "timeoutMs" | "maxOutputBytes">,
    graceMs: number,
  ): GitProcess | "busy" | "gone" {
    // The client may have left while the request was being authorised: nothing to start for it.
    if (request.res.closed) return "gone"
    if (this.running >= this.max) return "busy"
    const process = spawnGit(command, options)
    this.running++
    let timer: NodeJS.Timeout | undefined
    void process.exited.then(() => {
      this.running--
      clearTimeout(timer)
    })
    request.res.on("close", () => {
      if (request.res.writableFinished || graceMs === 0) return process.kill()
      process.stdin.end()
      timer = setTimeout(() => process.kill(), graceMs)
      timer.unref()
    })
    return process
  }
}
