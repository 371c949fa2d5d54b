import { defineEntity, p, type InferEntity } from "@mikro-orm/core"

export const UserEntity = defineEntity({
  name: "User",
  tableName: "users",
  properties: {
    id: p.integer().primary().autoincrement(),
    username: p.string().length(255).unique(),
    /** Stored lower-cased, as Devise does, so uniqueness is case-insensitive in both databases. */
    email: p.string().length(255).unique(),
    name: p.string().length(255),
    passwordHash: p.string().length(255),
    tokenDigest: p.string().length(64).unique(),
    tokenSealed: p.string().length(255),
    bio: p.string().length(255).nullable(),
    skype: p.string().length(255).default(""),
    linkedin: p.string().length(255).default(""),
    twitter: p.string().length(255).default(""),
    websiteUrl: p.string().length(255).default(""),
    themeId: p.integer().default(1),
    colorSchemeId: p.integer().default(1),
    state: p.string().length(16).default("active"),
    externUid: p.string().length(255).nullable(),
    provider: p.string().length(255).nullable(),
    projectsLimit: p.integer().default(10),
    canCreateGroup: p.boolean().default(true),
    canCreateTeam: p.boolean().default(true),
    admin: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})

export type UserRow = InferEntity<typeof UserEntity>
