/** GitLab's access levels of the v3 era (OWNER arrived with 6.x groups). */
export const AccessLevel = {
  GUEST: 10,
  REPORTER: 20,
  DEVELOPER: 30,
  MASTER: 40,
  OWNER: 50,
} as const

export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel]

/** The levels a project or team membership may carry. */
export const projectAccessLevels: ReadonlyArray<number> = [10, 20, 30, 40]

export const isProjectAccessLevel = (value: number): value is AccessLevel => projectAccessLevels.includes(value)
