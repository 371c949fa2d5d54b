import type { SnippetView } from "@labrador/domain"
import { isoTime } from "./time.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `ProjectSnippet`: the content is not part of it (GET .../raw serves it). */
export const presentSnippet = ({ snippet, author }: SnippetView) => ({
  id: snippet.id,
  title: snippet.title,
  file_name: snippet.fileName,
  author: presentUserBasic(author),
  expires_at: snippet.expiresAt === null ? null : isoTime(snippet.expiresAt),
  updated_at: isoTime(snippet.updatedAt),
  created_at: isoTime(snippet.createdAt),
})
