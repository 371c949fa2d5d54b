import type { Routes } from "../routes.ts"
import type { Middleware } from "koa"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded } from "../params.ts"
import { presentSnippet } from "../presenters/snippet.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const snippetRef = { ...projectRef, snippet_id: path(Param.int) }
const snippetInput = { title: Param.string, file_name: Param.string, code: Param.string, lifetime: Param.string }

const toInput = (p: Decoded<typeof snippetInput>): Domain.SnippetInput => ({
  title: p.title,
  fileName: p.file_name,
  content: p.code,
  lifetime: p.lifetime,
})

/** The content as plain text, never sniffed as HTML (error bodies stay JSON). */
const plainText =
  (inner: Middleware): Middleware =>
  async (ctx, next) => {
    await inner(ctx, next)
    if (ctx.status !== 200) return
    ctx.type = "text/plain; charset=utf-8"
    ctx.set("X-Content-Type-Options", "nosniff")
  }

/** Project snippets (spec/v3/project_snippets.yaml). */
export const projectSnippetsRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/projects/:id/snippets",
    listEndpoint(runtime, {
      params: projectRef,
      run: (actor, p, page) => Domain.listSnippets(actor, p.id, page),
      present: presentSnippet,
    }),
  )
  router.get(
    "/projects/:id/snippets/:snippet_id",
    endpoint(runtime, {
      params: snippetRef,
      run: (actor, p) => Domain.getSnippet(actor, p.id, p.snippet_id),
      present: presentSnippet,
    }),
  )
  router.get(
    "/projects/:id/snippets/:snippet_id/raw",
    plainText(
      endpoint(runtime, {
        params: snippetRef,
        run: (actor, p) => Domain.snippetContent(actor, p.id, p.snippet_id),
        present: (content) => content,
      }),
    ),
  )
  router.post(
    "/projects/:id/snippets",
    endpoint(runtime, {
      params: { ...projectRef, ...snippetInput },
      run: (actor, p) => Domain.createSnippet(actor, p.id, toInput(p)),
      present: presentSnippet,
    }),
  )
  router.put(
    "/projects/:id/snippets/:snippet_id",
    endpoint(runtime, {
      params: { ...snippetRef, ...snippetInput },
      run: (actor, p) => Domain.updateSnippet(actor, p.id, p.snippet_id, toInput(p)),
      present: presentSnippet,
    }),
  )
  router.delete(
    "/projects/:id/snippets/:snippet_id",
    deleteEndpoint(runtime, {
      params: snippetRef,
      run: (actor, p) => Domain.deleteSnippet(actor, p.id, p.snippet_id),
      present: presentSnippet,
    }),
  )
}
