import { NoteEntity } from './note.entity';

export interface NoteView {
  id: string;
  text: string;
  pinned: boolean;
  authorId: string | null;
  dealId: string | null;
  createdAt: string;
}

export function noteView(n: NoteEntity): NoteView {
  return {
    id: n.id,
    text: n.text,
    pinned: n.pinned,
    authorId: n.authorId,
    dealId: n.entity === 'deal' ? n.entityId : null,
    createdAt: n.createdAt.toISOString(),
  };
}
