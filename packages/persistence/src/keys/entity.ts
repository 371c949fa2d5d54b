import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { UserEntity } from "../users/entity.ts"

/** SSH keys: a user's (user set) or a deploy key (user null). One fingerprint, one row. */
export const KeyEntity = defineEntity({
  name: "Key",
  tableName: "keys",
  properties: {
    id: p.integer().primary().autoincrement(),
    user: () => p.manyToOne(UserEntity).nullable().deleteRule("cascade").index(),
    title: p.string().length(255),
    key: p.text(),
    fingerprint: p.string().length(128).unique(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})

export type KeyRow = InferEntity<typeof KeyEntity>
