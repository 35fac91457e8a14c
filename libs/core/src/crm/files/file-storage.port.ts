import type { Readable } from 'node:stream';

/**
 * Where uploaded file contents live. Domain code sees this port only; the driver is picked once in the
 * module (local disk under DATA_DIR today; an object store would be another driver). Keys are
 * `<portalId>/<uuid>`, chosen by the caller, never derived from user input.
 */
export abstract class FileStorage {
  abstract write(key: string, data: Buffer): Promise<void>;
  /** A stream of the contents; null when the key holds nothing. */
  abstract read(key: string): Promise<Readable | null>;
  abstract copy(fromKey: string, toKey: string): Promise<void>;
  /** Removes the contents; a missing key is not an error. */
  abstract remove(key: string): Promise<void>;
}
