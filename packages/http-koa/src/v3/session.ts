import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint } from "../endpoint.ts"
import { Param } from "../params.ts"
import { presentUserLogin } from "../presenters/user.ts"
import type { AppRuntime } from "../runtime.ts"

/** POST /session (spec/v3/session.yaml): login or email + password → the private token. */
export const sessionRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.post(
    "/session",
    endpoint(runtime, {
      authenticate: false,
      params: { login: Param.string, email: Param.string, password: Param.string },
      run: (_actor, p) => Domain.login(p),
      present: presentUserLogin,
    }),
  )
}
