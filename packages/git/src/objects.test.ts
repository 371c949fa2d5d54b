import { describe, expect, it } from "vitest"
import { parseCommit, parseTree } from "./objects.ts"

describe("parseCommit", () => {
  it("reads tree, parents in order, signatures with their offsets and the message; signature blocks are skipped", () => {
    const raw = [
      "tree 1111111111111111111111111111111111111111",
      "parent 2222222222222222222222222222222222222222",
      "parent 3333333333333333333333333333333333333333",
      "author Jo Smith <jo@example.com> 1340801499 -0700",
      "committer <empty@example.com> 1340880260 +0530",
      "gpgsig -----BEGIN PGP SIGNATURE-----",
      " ",
      " abc",
      " -----END PGP SIGNATURE-----",
      "",
      "Subject line",
      "",
      "Body.",
      "",
      "",
    ].join("\n")
    expect(parseCommit("c".repeat(40), Buffer.from(raw))).toEqual({
      id: "c".repeat(40),
      tree: "1".repeat(40),
      parentIds: ["2".repeat(40), "3".repeat(40)],
      author: { name: "Jo Smith", email: "jo@example.com" },
      committer: { name: "", email: "empty@example.com" },
      authoredAt: { epochSeconds: 1340801499, offset: "-0700" },
      committedAt: { epochSeconds: 1340880260, offset: "+0530" },
      message: "Subject line\n\nBody.",
      messageTruncated: false,
    })
  })

  it("the head of a larger commit: the message is cut after its last whole character and ends with GitLab's notice", () => {
    const raw = Buffer.from(
      "tree 1111111111111111111111111111111111111111\nauthor A <a@example.com> 1 +0000\ncommitter A <a@example.com> 1 +0000\n\nTitle\n\nd\u00e9j\u00e0 vu",
    )
    // Cut inside the two bytes of the last "à".
    const head = raw.subarray(0, raw.length - 4)
    const commit = parseCommit("c".repeat(40), head, raw.length)
    expect([commit.message, commit.messageTruncated]).toEqual([
      "Title\n\nd\u00e9j\n\n--commit message is too big",
      true,
    ])
    expect(commit.author).toEqual({ name: "A", email: "a@example.com" })
  })
})

describe("parseTree", () => {
  it("reads mode, name and id of each entry; modes are zero-padded, gitlinks are submodules", () => {
    const id = (byte: number) => Buffer.alloc(20, byte)
    const tree = Buffer.concat([
      Buffer.from("40000 lib\0"),
      id(1),
      Buffer.from("100755 run me\0"),
      id(2),
      Buffer.from("160000 vendor\0"),
      id(3),
    ])
    expect(parseTree(tree)).toEqual([
      { id: "01".repeat(20), name: "lib", type: "tree", mode: "040000" },
      { id: "02".repeat(20), name: "run me", type: "blob", mode: "100755" },
      { id: "03".repeat(20), name: "vendor", type: "submodule", mode: "160000" },
    ])
  })

  it("refuses a truncated tree", () => {
    expect(() => parseTree(Buffer.from("100644 a\0abc"))).toThrow()
  })
})
