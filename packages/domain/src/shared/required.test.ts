import { describe, expect, it } from "vitest"
import { givenAttributes } from "./required.ts"

describe("givenAttributes (attributes_for_keys)", () => {
  it("keeps the attributes given and leaves out absent, null and blank ones", () => {
    const input = {
      title: "t",
      description: "  ",
      fileName: "",
      lifetime: undefined,
      assigneeId: 0,
      labels: ["a"],
      note: null,
    }
    expect(givenAttributes(input)).toEqual({ title: "t", assigneeId: 0, labels: ["a"] })
    expect(Object.keys(givenAttributes(input))).toEqual(["title", "assigneeId", "labels"])
  })
})
