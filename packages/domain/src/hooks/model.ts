/** A project hook: an URL POSTed the project's events. */
export interface ProjectHook {
  readonly id: number
  readonly projectId: number
  readonly url: string
  readonly pushEvents: boolean
  readonly issuesEvents: boolean
  readonly mergeRequestsEvents: boolean
  readonly createdAt: Date
}

export interface HookInput {
  readonly url?: string | undefined
  readonly pushEvents?: boolean | undefined
  readonly issuesEvents?: boolean | undefined
  readonly mergeRequestsEvents?: boolean | undefined
}

/** An absolute http(s) URL with a host: what a hook may be sent to. */
export const isHookUrl = (url: string): boolean => {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "" && url.length <= 2000
}
