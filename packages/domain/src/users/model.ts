import { Schema } from "effect"

export const UserState = Schema.Literals(["active", "blocked"])

/** A user account as the domain knows it. Secrets are not part of it. */
export const User = Schema.Struct({
  id: Schema.Int,
  username: Schema.String,
  email: Schema.String,
  name: Schema.String,
  bio: Schema.NullOr(Schema.String),
  skype: Schema.String,
  linkedin: Schema.String,
  twitter: Schema.String,
  websiteUrl: Schema.String,
  themeId: Schema.Int,
  colorSchemeId: Schema.Int,
  state: UserState,
  createdAt: Schema.Date,
  externUid: Schema.NullOr(Schema.String),
  provider: Schema.NullOr(Schema.String),
  projectsLimit: Schema.Int,
  canCreateGroup: Schema.Boolean,
  canCreateTeam: Schema.Boolean,
  admin: Schema.Boolean,
})
export type User = typeof User.Type

/** What the current user sees of himself (GET /user, POST /session). */
export interface UserLogin {
  readonly user: User
  readonly privateToken: string
  readonly canCreateProject: boolean
}

/** Attributes an admin may set on create or update. */
export interface UserAttributes {
  readonly email?: string | undefined
  readonly password?: string | undefined
  readonly name?: string | undefined
  readonly username?: string | undefined
  readonly skype?: string | undefined
  readonly linkedin?: string | undefined
  readonly twitter?: string | undefined
  readonly websiteUrl?: string | undefined
  readonly projectsLimit?: number | undefined
  readonly externUid?: string | undefined
  readonly provider?: string | undefined
  readonly bio?: string | undefined
  readonly admin?: boolean | undefined
  readonly canCreateGroup?: boolean | undefined
}

/** A user row about to be written: the model plus the secrets only persistence sees. */
export interface NewUser extends Omit<User, "id"> {
  readonly passwordHash: string
  readonly tokenDigest: string
  readonly tokenSealed: string
}

export interface UserSecretsChange {
  readonly passwordHash?: string
}
