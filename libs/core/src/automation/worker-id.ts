import { hostname } from 'node:os';

/** Which process did the work (host:pid), recorded on runs and deliveries for post-mortems. */
export const WORKER = `${hostname()}:${process.pid}`;
