import { Violations, type Invalid } from "../shared/errors.ts"
import { MAX_TEXT_LENGTH, tooLong } from "../shared/lengths.ts"
import type { MilestoneInput, MilestoneState } from "./model.ts"

/** `YYYY-MM-DD` naming a day that exists (2013-02-30 does not). */
export const isCalendarDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The milestone state machine of 5.x: close from active, activate from closed. */
export const nextMilestoneState = (state: MilestoneState, event: string): MilestoneState | undefined => {
  if (event === "close" && state === "active") return "closed"
  if (event === "activate" && state === "closed") return "active"
  return undefined
}

export const validateMilestone = (input: MilestoneInput): Invalid | undefined => {
  const v = new Violations()
  if (input.title !== undefined) v.check(input.title.length <= 255, "title", tooLong(255))
  if (input.description !== undefined)
    v.check(input.description.length <= MAX_TEXT_LENGTH, "description", tooLong(MAX_TEXT_LENGTH))
  if (input.dueDate !== undefined) v.check(isCalendarDate(input.dueDate.trim()), "due_date", "is invalid")
  return v.toError()
}
