import { CoreSchema1732400000000 } from './1732400000000-core-schema';

/** Listed explicitly (not globbed) so the webpack bundle carries them. Append, never edit a shipped one. */
export const coreMigrations = [CoreSchema1732400000000];
