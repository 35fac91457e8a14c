import { ConflictError } from '../../common/errors';
import { DuplicateMatch } from './duplicate-match';

const WHAT: Record<DuplicateMatch['match'], string> = { email: 'e-mail', phone: 'phone', taxId: 'tax id' };

/** 409 `duplicate`: the record would share an e-mail, phone or tax id with another one of the portal. */
export class DuplicateError extends ConflictError {
  constructor(readonly matches: DuplicateMatch[]) {
    const first = matches[0];
    super(
      'duplicate',
      first
        ? `A ${first.entity} with ${WHAT[first.match]} ${first.value} already exists ("${first.name}"); pass ?allowDuplicate=true to save anyway`
        : 'A duplicate already exists',
      matches.map((m) => ({ id: m.id, entity: m.entity, match: m.match, value: m.value, name: m.name })),
    );
  }
}
