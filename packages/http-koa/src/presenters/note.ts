import type { NoteView } from "@labrador/domain"
import { isoTime } from "./time.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `Note`. */
export const presentNote = ({ note, author }: NoteView) => ({
  id: note.id,
  body: note.body,
  attachment: note.attachment,
  author: presentUserBasic(author),
  created_at: isoTime(note.createdAt),
})
