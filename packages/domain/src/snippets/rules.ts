import { Violations, type Invalid } from "../shared/errors.ts"
import { tooLong } from "../shared/lengths.ts"
import { isCalendarDate } from "../milestones/rules.ts"
import type { SnippetInput } from "./model.ts"

/** A bare file name: no directory part, no control characters, not `.` or `..`. */
export const isFileName = (name: string): boolean =>
  name !== "." &&
  name !== ".." &&
  ![...name].some((char) => char === "/" || char === "\\" || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** `lifetime` as a date (`2013-05-01`, midnight UTC) or an ISO-8601 date-time; undefined when unreadable. */
export const parseLifetime = (value: string): Date | undefined => {
  const match = DATE_TIME.exec(value.trim())
  if (match === null || !isCalendarDate(match[1]!)) return undefined
  if (match[2] !== undefined && (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59))
    return undefined
  const text =
    match[2] === undefined
      ? `${match[1]}T00:00:00Z`
      : `${value.trim().replace(" ", "T")}${match[5] === undefined ? "Z" : ""}`
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? undefined : date
}

export const validateSnippet = (input: SnippetInput): Invalid | undefined => {
  const v = new Violations()
  if (input.title !== undefined) v.check(input.title.length <= 255, "title", tooLong(255))
  if (input.fileName !== undefined) {
    v.check(isFileName(input.fileName), "file_name", "is invalid")
    v.check(input.fileName.length <= 255, "file_name", tooLong(255))
  }
  if (input.lifetime !== undefined) v.check(parseLifetime(input.lifetime) !== undefined, "lifetime", "is invalid")
  return v.toError()
}
