import type { User, UserLogin } from "@labrador/domain"
import { isoTime } from "./time.ts"

/** v3 `User` entity, keys in GitLab's order. */
export const presentUser = (user: User) => ({
  id: user.id,
  username: user.username,
  email: user.email,
  name: user.name,
  bio: user.bio,
  skype: user.skype,
  linkedin: user.linkedin,
  twitter: user.twitter,
  theme_id: user.themeId,
  color_scheme_id: user.colorSchemeId,
  state: user.state,
  created_at: isoTime(user.createdAt),
  extern_uid: user.externUid,
  provider: user.provider,
})

/** v3 `UserBasic`: what other entities embed (project owner, members). */
export const presentUserBasic = (user: User) => ({
  id: user.id,
  username: user.username,
  email: user.email,
  name: user.name,
  state: user.state,
  created_at: isoTime(user.createdAt),
})

/** v3 `UserLogin`: the caller himself, with his private token (GET /user, POST /session). */
export const presentUserLogin = (login: UserLogin) => ({
  ...presentUser(login.user),
  private_token: login.privateToken,
  is_admin: login.user.admin,
  can_create_group: login.user.canCreateGroup,
  can_create_project: login.canCreateProject,
  can_create_team: login.user.canCreateTeam,
})

/** The deleted row as GitLab serialized it raw: every column but the secrets. */
export const presentDeletedUser = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  username: user.username,
  bio: user.bio,
  skype: user.skype,
  linkedin: user.linkedin,
  twitter: user.twitter,
  website_url: user.websiteUrl,
  projects_limit: user.projectsLimit,
  admin: user.admin,
  can_create_group: user.canCreateGroup,
  can_create_team: user.canCreateTeam,
  theme_id: user.themeId,
  color_scheme_id: user.colorSchemeId,
  state: user.state,
  extern_uid: user.externUid,
  provider: user.provider,
  created_at: isoTime(user.createdAt),
})
