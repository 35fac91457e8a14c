import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every environment variable the product reads, validated once at start (see README). */
export interface AppConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  role: 'all' | 'api' | 'worker';
  jwtSecret: string;
  publicUrl: string;
  smtpUrl: string | null;
  smsGatewayUrl: string | null;
  novaposhtaApiUrl: string;
  novaposhtaApiKey: string | null;
  logLevel: string;
  /** How long a run or a delivery may stay in flight before the sweeper treats its worker as dead. */
  automationLeaseSeconds: number;
  /** npm packages (names or paths) that each export a plugin manifest: third-party plugins, no fork needed. */
  pluginPackages: string[];
}

export class ConfigError extends Error {}

function secretFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a TCP port, got "${env['PORT']}"`);
  const role = (env['ROLE'] ?? 'all') as AppConfig['role'];
  if (!['all', 'api', 'worker'].includes(role)) throw new ConfigError(`ROLE must be all, api or worker, got "${role}"`);
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  const redisUrl = env['REDIS_URL'] || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// URL');
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent, got "${logLevel}"`);
  const lease = Number(env['AUTOMATION_LEASE_SECONDS'] ?? 120);
  if (!Number.isInteger(lease) || lease < 1 || lease > 86_400) throw new ConfigError(`AUTOMATION_LEASE_SECONDS must be whole seconds (1–86400), got "${env['AUTOMATION_LEASE_SECONDS']}"`);
  const dataDir = resolve(env['DATA_DIR'] || './.data');
  mkdirSync(dataDir, { recursive: true });
  return {
    port,
    dataDir,
    databaseUrl,
    redisUrl,
    role,
    jwtSecret: env['JWT_SECRET'] || secretFromDataDir(dataDir),
    publicUrl: env['PUBLIC_URL'] || `http://localhost:${port}`,
    smtpUrl: env['SMTP_URL'] || null,
    smsGatewayUrl: env['SMS_GATEWAY_URL'] || null,
    novaposhtaApiUrl: env['NOVAPOSHTA_API_URL'] || 'https://api.novaposhta.ua/v2.0/json/',
    novaposhtaApiKey: env['NOVAPOSHTA_API_KEY'] || null,
    logLevel,
    automationLeaseSeconds: lease,
    pluginPackages: (env['PLUGIN_PACKAGES'] ?? '').split(',').map((p) => p.trim()).filter(Boolean),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
