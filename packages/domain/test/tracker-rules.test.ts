import { describe, expect, it } from "@effect/vitest"
import {
  isCalendarDate,
  isFileName,
  nextIssueState,
  nextMilestoneState,
  normalizeLabels,
  parseLifetime,
  validateIssue,
  validateMilestone,
  validateSnippet,
} from "@labrador/domain"

describe("issue rules", () => {
  it("labels: trimmed, empty names dropped, first occurrence kept, commas inside items split", () => {
    expect(normalizeLabels([" bug , feature,, bug ", "ui,", "  "])).toEqual(["bug", "feature", "ui"])
    expect(normalizeLabels([])).toEqual([])
  })

  it("state machine: close from opened or reopened, reopen from closed, nothing else", () => {
    expect(nextIssueState("opened", "close")).toBe("closed")
    expect(nextIssueState("reopened", "close")).toBe("closed")
    expect(nextIssueState("closed", "reopen")).toBe("reopened")
    expect(nextIssueState("closed", "close")).toBeUndefined()
    expect(nextIssueState("opened", "reopen")).toBeUndefined()
    expect(nextIssueState("opened", "activate")).toBeUndefined()
  })

  it("validation names every bad field", () => {
    expect(validateIssue({ title: "t".repeat(256), labels: ["l".repeat(256)] })?.errors).toEqual({
      title: ["is too long (maximum is 255 characters)"],
      labels: ["is too long (maximum is 255 characters)"],
    })
    expect(validateIssue({ title: "t".repeat(255), labels: ["ok"] })).toBeUndefined()
  })
})

describe("milestone rules", () => {
  it("due dates are YYYY-MM-DD days that exist", () => {
    expect(["2013-07-20", "2012-02-29", "2000-12-31"].every(isCalendarDate)).toBe(true)
    expect(["2013-02-29", "2013-13-01", "2013-7-20", "2013-07-20T00:00:00Z", "tomorrow", ""].some(isCalendarDate)).toBe(
      false,
    )
    expect(validateMilestone({ dueDate: "2013-02-30" })?.errors).toEqual({ due_date: ["is invalid"] })
  })

  it("state machine: close from active, activate from closed", () => {
    expect([nextMilestoneState("active", "close"), nextMilestoneState("closed", "activate")]).toEqual([
      "closed",
      "active",
    ])
    expect([
      nextMilestoneState("closed", "close"),
      nextMilestoneState("active", "activate"),
      nextMilestoneState("active", "reopen"),
    ]).toEqual([undefined, undefined, undefined])
  })
})

describe("snippet rules", () => {
  it("file names are bare names", () => {
    expect(["add.rb", ".gitignore", "Makefile", "with space.txt", "ünïcode.md"].every(isFileName)).toBe(true)
    expect(["a/b", "..", ".", "a\\b", "tab\there", "nul\u0000"].some(isFileName)).toBe(false)
    expect(validateSnippet({ fileName: `${"f".repeat(256)}/` })?.errors).toEqual({
      file_name: ["is invalid", "is too long (maximum is 255 characters)"],
    })
  })

  it("lifetime: a date (midnight UTC) or an ISO-8601 date-time, else undefined", () => {
    expect(parseLifetime("2013-05-01")?.toISOString()).toBe("2013-05-01T00:00:00.000Z")
    expect(parseLifetime("2013-05-01T10:20:30Z")?.toISOString()).toBe("2013-05-01T10:20:30.000Z")
    expect(parseLifetime("2013-05-01 10:20+02:00")?.toISOString()).toBe("2013-05-01T08:20:00.000Z")
    expect([parseLifetime("2013-02-30"), parseLifetime("2013-05-01T24:00:00Z"), parseLifetime("soon")]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })
})
