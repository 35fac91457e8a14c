import { FileEntity } from './file.entity';

export interface FileView {
  id: string;
  name: string;
  size: number;
  mime: string | null;
  dealId: string | null;
  uploadedBy: string | null;
  createdAt: string;
}

export function fileView(f: FileEntity): FileView {
  return {
    id: f.id,
    name: f.name,
    size: f.size,
    mime: f.mime,
    dealId: f.entity === 'deal' ? f.entityId : null,
    uploadedBy: f.uploadedBy,
    createdAt: f.createdAt.toISOString(),
  };
}
