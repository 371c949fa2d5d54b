import { Schema } from "effect"

/** A user's personal namespace (`kind` "user") or a group's; paths share one space. */
export const Namespace = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  path: Schema.String,
  ownerId: Schema.NullOr(Schema.Int),
  kind: Schema.Literals(["user", "group"]),
  description: Schema.String,
  createdAt: Schema.Date,
  updatedAt: Schema.Date,
})
export type Namespace = typeof Namespace.Type
