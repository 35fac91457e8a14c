import type { FieldDefView } from '@portal/contracts';
import type { FieldDefEntity } from './field-def.entity';

export function fieldDefView(f: FieldDefEntity): FieldDefView {
  const v: FieldDefView = { id: f.id, entity: f.entity, code: f.code, name: f.name, type: f.type, required: f.required };
  if (f.options) v.options = f.options;
  if (f.type === 'group') {
    v.repeatable = f.repeatable;
    v.fields = f.fields ?? [];
  }
  return v;
}
