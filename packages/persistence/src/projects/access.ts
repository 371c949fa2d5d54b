/**
 * The one place that says where project access comes from, as SQL over Kysely: a user's level
 * on a project is the highest of the sources below; the namespace owner is handled by the
 * domain policy. Groups and teams add their sources here.
 */

/** `select project_id, access_level` rows granting `userId` access, one per source. */
export const accessGrants = (db: any, userId: number) =>
  db.selectFrom("project_members as pm").select(["pm.project_id as project_id", "pm.access_level as access_level"]).where("pm.user_id", "=", userId)

/** Ids of the projects `userId` may read: owned namespaces and every grant. */
export const authorizedProjectIds = (db: any, userId: number) =>
  db
    .selectFrom("projects as ap")
    .innerJoin("namespaces as an", "an.id", "ap.namespace_id")
    .select("ap.id as id")
    .where("an.owner_id", "=", userId)
    .union(accessGrants(db, userId).clearSelect().select("pm.project_id as id"))
