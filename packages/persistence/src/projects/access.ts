/**
 * The one place that says where project access comes from, as SQL over Kysely: a user's level
 * on a project is the highest of the sources below; the namespace owner is handled by the
 * domain policy.
 */
import type { ExpressionBuilder, Kysely } from "kysely"
import type { DB } from "../shared/em.ts"

/** Direct project membership (users_projects; user teams write their grants here, as in 5.x). */
const memberGrants = (db: Kysely<DB>, userId: number) =>
  db
    .selectFrom("project_members as pm")
    .select(["pm.project_id as project_id", "pm.access_level as access_level"])
    .where("pm.user_id", "=", userId)

/** A group member reaches every project of the group at his group level (6.x). */
const groupGrants = (db: Kysely<DB>, userId: number) =>
  db
    .selectFrom("group_members as gm")
    .innerJoin("projects as gp", "gp.namespace_id", "gm.group_id")
    .select(["gp.id as project_id", "gm.access_level as access_level"])
    .where("gm.user_id", "=", userId)

/** `select project_id, access_level` rows granting `userId` access, one per source. */
export const accessGrants = (db: Kysely<DB>, userId: number) =>
  memberGrants(db, userId).unionAll(groupGrants(db, userId))

/** The namespaces `userId` owns: his personal one and the groups he owns. */
export const ownedNamespaceIds = (db: Kysely<DB>, userId: number) =>
  db.selectFrom("namespaces as own").select("own.id").where("own.owner_id", "=", userId)

/**
 * A WHERE condition on projects aliased `p`: `userId` may read the project. Both sides are small
 * sets per user, so a list scans projects in id order and stops at its page.
 */
export const readableBy =
  (db: Kysely<DB>, userId: number) => (eb: ExpressionBuilder<DB & { p: DB["projects"] }, "p">) =>
    eb.or([
      eb("p.namespace_id", "in", ownedNamespaceIds(db, userId)),
      eb("p.id", "in", db.selectFrom(accessGrants(db, userId).as("g")).select("g.project_id")),
    ])
