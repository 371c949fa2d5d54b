import {
  createCipheriv,
  createSecretKey,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto"
import { Effect, Layer } from "effect"
import { Credentials } from "@labrador/domain"

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const
const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  )

/**
 * Secrets at rest, keyed by the server secret: scrypt password hashes, HMAC-SHA256 token digests
 * (the lookup key) and an AES-256-GCM sealed copy of the token for v3's `private_token` field.
 * A copy of the database without the secret yields no working credential.
 */
export const credentialsLayer = (serverSecret: string) => {
  // KeyObjects, made once: handing node a raw Buffer key re-validates it on every call.
  const digestKey = createSecretKey(createHmac("sha256", serverSecret).update("labrador token digest").digest())
  const sealKey = createSecretKey(createHmac("sha256", serverSecret).update("labrador token seal").digest())
  const checkKey = createSecretKey(createHmac("sha256", serverSecret).update("labrador password check").digest())
  // Every API request digests its token, and GET /user opens one: memoize both (bounded).
  const digests = new Memo(10_000)
  const opened = new Memo(10_000)
  const dummyHash = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString("base64")}$${randomBytes(32).toString("base64")}`

  return Layer.succeed(
    Credentials,
    Credentials.of({
      hashPassword: (password) =>
        Effect.promise(async () => {
          const salt = randomBytes(16)
          const hash = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p })
          return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`
        }),
      verifyPassword: (password, stored) =>
        Effect.promise(async () => {
          const parts = (stored || dummyHash).split("$")
          if (parts.length !== 6 || parts[0] !== "scrypt") return false
          const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string]
          const expected = Buffer.from(hash, "base64")
          const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, {
            N: Number(n),
            r: Number(r),
            p: Number(p),
          })
          return stored !== "" && timingSafeEqual(actual, expected)
        }),
      newToken: Effect.sync(() => {
        const bytes = randomBytes(20)
        return Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join("")
      }),
      digestToken: (token) => digests.get(token, () => createHmac("sha256", digestKey).update(token).digest("hex")),
      // Not memoized: a memo would keep the password itself as its key.
      digestPasswordCheck: (passwordHash, password) =>
        createHmac("sha256", checkKey).update(passwordHash).update("\0").update(password).digest("hex"),
      sealToken: (token) => {
        const iv = randomBytes(12)
        const cipher = createCipheriv("aes-256-gcm", sealKey, iv)
        const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()])
        return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64")).join(".")
      },
      openToken: (sealed) =>
        opened.get(sealed, () => {
          const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64")) as [
            Buffer,
            Buffer,
            Buffer,
          ]
          const decipher = createDecipheriv("aes-256-gcm", sealKey, iv)
          decipher.setAuthTag(tag)
          return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8")
        }),
    }),
  )
}

/** A bounded memo of pure string functions; emptied when full (hot keys come straight back). */
class Memo {
  private readonly values = new Map<string, string>()
  private readonly capacity: number
  constructor(capacity: number) {
    this.capacity = capacity
  }

  get(key: string, compute: () => string): string {
    const hit = this.values.get(key)
    if (hit !== undefined) return hit
    const value = compute()
    if (this.values.size >= this.capacity) this.values.clear()
    this.values.set(key, value)
    return value
  }
}
