import { describe, expect, it } from "vitest"
import { redactedPath } from "./observability.ts"

const SECRET = "s3cr3t-T0KEN"

describe("redactedPath", () => {
  it("filters every spelling of a credential parameter the server decodes (qs: escapes, +, a[] and [a]), and the near-misses it refuses", () => {
    const names = [
      "private_token",
      "private%5Ftoken",
      "private%5ftoken",
      "%70rivate_token",
      "private_token[]",
      "private_token%5B%5D",
      "[private_token]",
      "private_token[0]",
      "private-token",
      "PRIVATE_TOKEN",
      "Private-Token",
      "private+token",
      "private%20token",
      "privatetoken",
      "access_token",
      "ACCESS%5FTOKEN",
      "password",
      "PassWord",
      "user[password]",
      "password_confirmation",
      "%ZZprivate_token",
      "?private_token",
    ]
    for (const name of names) {
      const logged = redactedPath(`/api/v3/user?a=1&${name}=${SECRET}&b=2`)
      expect([name, logged]).toEqual([name, `/api/v3/user?a=1&${name}=[FILTERED]&b=2`])
    }
  })

  it("filters the whole value as the server reads it: up to the next &, whatever it holds", () => {
    expect(redactedPath(`/x?private_token=${SECRET};tail#frag&b=2`)).toBe("/x?private_token=[FILTERED]&b=2")
    expect(redactedPath(`/x?private_token=a=${SECRET}`)).toBe("/x?private_token=[FILTERED]")
    // qs splits a[b=c]=d at "]=": the name that decides may lie past the first "=".
    expect(redactedPath(`/x?q[a=1]private_token]=${SECRET}`)).not.toContain(SECRET)
    expect(redactedPath(`/x?a=1;private_token=${SECRET}`)).not.toContain(SECRET)
  })

  it("filters the userinfo of an absolute-form target, and credential pairs in path segments", () => {
    expect(redactedPath(`http://root:${SECRET}@host:8080/root/hello.git/info/refs?service=git-upload-pack`)).toBe(
      "http://[FILTERED]@host:8080/root/hello.git/info/refs?service=git-upload-pack",
    )
    expect(redactedPath(`//root:${SECRET}@host/api/v3/user`)).toBe("//[FILTERED]@host/api/v3/user")
    expect(redactedPath(`/api/v3/user%3Fprivate_token=${SECRET}`)).toBe("/api/v3/user%3Fprivate_token=[FILTERED]")
  })

  it("leaves everything else as sent", () => {
    for (const url of [
      "/api/v3/projects?page=2&per_page=10&search=a+b",
      "/api/v3/users/1",
      "/root/hello.git/info/refs?service=git-receive-pack",
      "/x?flag&sudo=jo",
      "/x?a=b@c",
    ])
      expect(redactedPath(url)).toBe(url)
  })
})
