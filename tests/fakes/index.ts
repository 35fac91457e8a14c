export * from './smtp-fake';
export * from './sms-gateway-fake';
export * from './webhook-sink';
export { DEFAULT_WAIT_MS } from './recorder';
export * from './registry';
