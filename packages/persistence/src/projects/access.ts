/**
 * The one place that says where project access comes from, as SQL over Kysely: a user's level
 * on a project is the highest of the sources below; the namespace owner is handled by the
 * domain policy.
 */

/** Direct project membership (users_projects). */
const memberGrants = (db: any, userId: number) =>
  db.selectFrom("project_members as pm").select(["pm.project_id as project_id", "pm.access_level as access_level"]).where("pm.user_id", "=", userId)

/** A group member reaches every project of the group at his group level (6.x). */
const groupGrants = (db: any, userId: number) =>
  db
    .selectFrom("group_members as gm")
    .innerJoin("projects as gp", "gp.namespace_id", "gm.group_id")
    .select(["gp.id as project_id", "gm.access_level as access_level"])
    .where("gm.user_id", "=", userId)

/** A team member reaches each team project at the lower of his team level and the project's cap (5.x). */
const teamGrants = (db: any, userId: number) =>
  db
    .selectFrom("user_team_user_relationships as tu")
    .innerJoin("user_team_project_relationships as tp", "tp.user_team_id", "tu.user_team_id")
    .select((eb: any) => [
      "tp.project_id as project_id",
      eb.case().when("tu.permission", "<", eb.ref("tp.greatest_access")).then(eb.ref("tu.permission")).else(eb.ref("tp.greatest_access")).end().as("access_level"),
    ])
    .where("tu.user_id", "=", userId)

/** `select project_id, access_level` rows granting `userId` access, one per source. */
export const accessGrants = (db: any, userId: number) => memberGrants(db, userId).unionAll(groupGrants(db, userId)).unionAll(teamGrants(db, userId))

/** The namespaces `userId` owns: his personal one and the groups he owns. */
export const ownedNamespaceIds = (db: any, userId: number) => db.selectFrom("namespaces as own").select("own.id").where("own.owner_id", "=", userId)

/**
 * A WHERE condition on projects aliased `p`: `userId` may read the project. Both sides are small
 * sets per user, so a list scans projects in id order and stops at its page.
 */
export const readableBy = (db: any, userId: number) => (eb: any) =>
  eb.or([
    eb("p.namespace_id", "in", ownedNamespaceIds(db, userId)),
    eb("p.id", "in", db.selectFrom(accessGrants(db, userId).as("g")).select("g.project_id")),
  ])
