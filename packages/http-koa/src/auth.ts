import type { Context } from "koa"
import type { Presented } from "@labrador/domain"
import { requestParams } from "./params.ts"

const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined)

/**
 * What the request presents: `private_token` (query or body) wins over the `PRIVATE-TOKEN`
 * header, which wins over `Authorization: Bearer`; `sudo` (param) wins over the `Sudo` header.
 */
export const presentedCredentials = (ctx: Context): Presented => {
  const params = requestParams(ctx)
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"))?.[1]
  return {
    token: asString(params.private_token) ?? (ctx.get("private-token") || undefined) ?? bearer,
    sudo: asString(params.sudo) ?? (ctx.get("sudo") || undefined),
  }
}
