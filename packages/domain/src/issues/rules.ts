import { Violations, type Invalid } from "../shared/errors.ts"
import { MAX_TEXT_LENGTH, tooLong } from "../shared/lengths.ts"
import type { IssueInput, IssueState, IssueStateEvent } from "./model.ts"

/**
 * acts_as_taggable's reading of `labels`: every name trimmed, empty names dropped, duplicates
 * kept once, in the order given. Commas inside array items split too.
 */
export const normalizeLabels = (labels: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(
    labels
      .flatMap((label) => label.split(","))
      .map((label) => label.trim())
      .filter((label) => label !== ""),
  ),
]

/** The issue state machine of 5.x: close from opened|reopened, reopen from closed. */
export const nextIssueState = (state: IssueState, event: string): IssueState | undefined => {
  const transitions: Record<IssueStateEvent, ReadonlyArray<IssueState>> = {
    close: ["opened", "reopened"],
    reopen: ["closed"],
  }
  if (event !== "close" && event !== "reopen") return undefined
  if (!transitions[event].includes(state)) return undefined
  return event === "close" ? "closed" : "reopened"
}

export const validateIssue = (input: IssueInput): Invalid | undefined => {
  const v = new Violations()
  if (input.title !== undefined) v.check(input.title.length <= 255, "title", tooLong(255))
  if (input.description !== undefined)
    v.check(input.description.length <= MAX_TEXT_LENGTH, "description", tooLong(MAX_TEXT_LENGTH))
  if (input.labels !== undefined)
    v.check(
      normalizeLabels(input.labels).every((label) => label.length <= 255),
      "labels",
      tooLong(255),
    )
  return v.toError()
}
