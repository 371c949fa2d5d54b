import type { Context } from "koa"
import type { Presented } from "@labrador/domain"
import { requestParams } from "./params.ts"

const asString = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined

/**
 * What the request presents: `private_token` (query or body) wins over the `PRIVATE-TOKEN`
 * header, which wins over `Authorization: Bearer`; `sudo` (param) wins over the `Sudo` header.
 */
export const presentedCredentials = (ctx: Context): Presented => {
  const params = requestParams(ctx)
  const headers = ctx.request.headers
  // Each source read only when the stronger ones gave nothing: this runs on every request.
  const token =
    asString(params.private_token) ??
    (headerValue(headers["private-token"]) || BEARER.exec(headerValue(headers.authorization))?.[1])
  return { token: token || undefined, sudo: asString(params.sudo) ?? (headerValue(headers.sudo) || undefined) }
}

const BEARER = /^Bearer\s+(\S+)$/i

/** A header as Koa's ctx.get reads it: "" when absent (Node joins or keeps the first of repeated ones). */
const headerValue = (value: string | ReadonlyArray<string> | undefined): string =>
  typeof value === "string" ? value : (value?.[0] ?? "")

const CREDENTIAL_WORD = /token|pass|secret|credential|authori[sz]ation/

/**
 * Whether a parameter name, as sent, names a credential. It is decoded first as the server
 * decodes names (qs: `+`, percent-escapes; a malformed escape left as it is), then read
 * ignoring case, punctuation and `[…]`: what the server takes (private_token, `[private_token]`,
 * password) and the near-misses it refuses (private-token, PRIVATE_TOKEN, private_token[],
 * access_token) are credentials all the same, mistyped.
 */
export const isCredentialName = (name: string): boolean =>
  CREDENTIAL_WORD.test(
    name
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ""),
  )
