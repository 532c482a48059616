import { z } from 'zod';
import { type BBox, BBOX_FORMAT, parseBBox } from '../shared/bbox.ts';
import { LOG_LEVELS, type LogLevel } from './logging/logger.ts';

const bboxText = z.string().transform((text, ctx) => {
  const bbox = parseBBox(text);
  if (!bbox) ctx.addIssue({ code: 'custom', message: `expected ${BBOX_FORMAT}` });
  return bbox ?? z.NEVER;
});

/** `http(s)://host[:port]` and nothing else; normalised as browsers send it in `Origin`. */
function asOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return /^https?:$/.test(url.protocol) && bare ? url.origin : null;
  } catch {
    return null;
  }
}

const originList = z.string().transform((text, ctx) => {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === '*') return '*' as const;
  const bad = items.filter((item) => asOrigin(item) === null);
  if (items.length === 0 || bad.length > 0) {
    const which = bad.length ? ` (not ${bad.join(', ')})` : '';
    ctx.addIssue({ code: 'custom', message: `expected * or comma-separated origins such as https://www.example.org${which}` });
    return z.NEVER;
  }
  return items.map((item) => asOrigin(item)!);
});

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size in bytes: `1048576`, `512kB`, `1 MB`, `0.5GB` (units of 1024). */
const byteSize = z.string().transform((text, ctx) => {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b)?$/i.exec(text.trim());
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]!) : Number.NaN;
  if (!(bytes >= 1)) {
    ctx.addIssue({ code: 'custom', message: 'expected a size such as 1048576, 512kB or 20MB' });
    return z.NEVER;
  }
  return bytes;
});

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration in milliseconds: `90s`, `30m`, `8h`, `30d`. */
const duration = z.string().transform((text, ctx) => {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(text.trim());
  const ms = match ? Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!) : Number.NaN;
  if (!(ms >= 1000)) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 90s, 30m, 8h or 30d' });
    return z.NEVER;
  }
  return ms;
});

const configSchema = z.object({
  // 0 lets the system pick a free port (the tests use it).
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_READ_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ATLAS_DATA_DIR: z.string().min(1).default('./data'),
  ATLAS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Haute-Savoie, Savoie, the Aosta Valley and Valais, with a little room around them.
  ATLAS_SERVICE_AREA: bboxText.prefault('5.6,45.0,8.5,46.7'),
  ATLAS_SEED: z.enum(['auto', 'never']).default('auto'),
  ATLAS_BASEMAP_STYLE: z.url({ message: 'must be the URL of a MapLibre style' }).optional(),
  ATLAS_WEB_DIR: z.string().min(1).optional(),
  ATLAS_EMBED_ORIGINS: originList.prefault('*'),
  ATLAS_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  // Hardening against hostile input and load (see docs/operator/security.md).
  ATLAS_BODY_LIMIT: byteSize.prefault('1MB'),
  ATLAS_UPLOAD_LIMIT: byteSize.prefault('200MB'),
  ATLAS_STATEMENT_TIMEOUT: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  ATLAS_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  ATLAS_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ATLAS_HSTS_MAX_AGE: z.coerce.number().int().min(0).default(0),
  // Answers kept in memory per process (see docs/operator/production.md, Caching); 0 turns it off.
  ATLAS_CACHE_MB: z.coerce.number().min(0).max(1_048_576).default(64),
  // Accounts and sessions (see docs/operator/accounts.md).
  ATLAS_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be the http(s):// URL people open the Atlas at' }).optional(),
  ATLAS_SESSION_IDLE: duration.prefault('8h'),
  ATLAS_SESSION_MAX: duration.prefault('30d'),
  ATLAS_SIGN_IN_RATE: z.coerce.number().int().min(0).default(100),
  ATLAS_OIDC_ISSUER: z.url({ message: 'must be the issuer URL of an OpenID provider' }).optional(),
  ATLAS_OIDC_CLIENT_ID: z.string().min(1).optional(),
  ATLAS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  ATLAS_OIDC_LABEL: z.string().min(1).max(60).default('your organisation'),
  // Prospecting (see docs/operator/configuration.md): when introductions go quiet, and when the follow-up comes back.
  ATLAS_DORMANT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ATLAS_FOLLOW_UP_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  // Monitoring (see docs/operator/monitoring.md).
  ATLAS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // 0 lets the system pick a free port (the tests use it).
  ATLAS_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // Scheduled backups (see docs/operator/backups.md): none without a directory.
  ATLAS_BACKUP_DIR: z.string().min(1).optional(),
  // At most 24 days: a longer interval overflows Node's timers.
  ATLAS_BACKUP_EVERY: duration.prefault('24h').refine((ms) => ms <= 24 * 86_400_000, 'must be at most 24d'),
  ATLAS_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
}).refine((c) => !c.DATABASE_READ_URL || c.DATABASE_URL, {
  path: ['DATABASE_READ_URL'],
  message: 'needs DATABASE_URL (a read replica of a PostgreSQL server; the embedded engine has none)',
}).refine((c) => !c.ATLAS_OIDC_ISSUER || c.ATLAS_OIDC_CLIENT_ID, {
  path: ['ATLAS_OIDC_CLIENT_ID'],
  message: 'needs to be set with ATLAS_OIDC_ISSUER (the client id the provider registered for the Atlas)',
}).refine((c) => c.ATLAS_SESSION_IDLE <= c.ATLAS_SESSION_MAX, {
  path: ['ATLAS_SESSION_IDLE'],
  message: 'must not be longer than ATLAS_SESSION_MAX',
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A read replica of `databaseUrl` for GET and HEAD requests. */
  readDatabaseUrl: string | undefined;
  poolSize: number;
  dataDir: string;
  adminToken: string | undefined;
  serviceArea: BBox;
  /** `auto`: fill an empty registry with the sample data on start-up. */
  seed: 'auto' | 'never';
  /** An external basemap style for deployments that have one; the Atlas layers go on top. */
  basemapStyle: string | undefined;
  /** The built web app (default dist/web). */
  webDir: string | undefined;
  /** Sites that may embed the map (CORS for reads, `frame-ancestors` for /embed): `*` for any. */
  embedOrigins: '*' | string[];
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownGraceMs: number;
  /** The largest request body in bytes, but for uploads. */
  bodyLimit: number;
  /** The largest import file in bytes. */
  uploadLimit: number;
  /** Milliseconds a query of the server engine may run before it is cancelled (a 503); 0 = no limit. */
  statementTimeoutMs: number;
  /** Requests per minute and client address for callers without a token; 0 = no limit. */
  rateLimit: number;
  /** Reverse proxies in front of the Atlas whose `X-Forwarded-For` entries are believed (0: none, use the socket's address). */
  trustProxy: number;
  /** `Strict-Transport-Security` max-age in seconds; 0 = not sent. */
  hstsMaxAge: number;
  /** Bytes of answers the response cache keeps in memory; 0 = no cache. */
  cacheBytes: number;
  /** The URL people open the Atlas at, for invitation links and sign-in redirects; else taken from each request. */
  publicUrl: string | undefined;
  /** A session ends after `idleMs` without a request, and `absoluteMs` after its sign-in. */
  sessions: { idleMs: number; absoluteMs: number };
  /** Sign-in attempts per 15 minutes from one address; 0 = no limit. */
  signInRate: number;
  /** Sign-in through an organisation's OpenID provider, when configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; label: string } | undefined;
  /** Introductions without activity for `dormantDays` are proposed as dormant; the outcome is asked again `followUpMonths` after `met`. */
  prospecting: { dormantDays: number; followUpMonths: number };
  /** The least severe log lines written (`silent`: none). */
  logLevel: LogLevel;
  /** A second listener on 127.0.0.1 answering `/metrics` without authentication; undefined: none. */
  metricsPort: number | undefined;
  /** Backups taken by the running Atlas into `dir` every `everyMs`, the newest `keep` kept; undefined: none. */
  backups: { dir: string; everyMs: number; keep: number } | undefined;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration once from the environment; throws a readable error naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    readDatabaseUrl: c.DATABASE_READ_URL,
    poolSize: c.DATABASE_POOL_SIZE,
    dataDir: c.ATLAS_DATA_DIR,
    adminToken: c.ATLAS_ADMIN_TOKEN,
    serviceArea: c.ATLAS_SERVICE_AREA,
    seed: c.ATLAS_SEED,
    basemapStyle: c.ATLAS_BASEMAP_STYLE,
    webDir: c.ATLAS_WEB_DIR,
    embedOrigins: c.ATLAS_EMBED_ORIGINS,
    shutdownGraceMs: c.ATLAS_SHUTDOWN_GRACE_SECONDS * 1000,
    bodyLimit: c.ATLAS_BODY_LIMIT,
    uploadLimit: c.ATLAS_UPLOAD_LIMIT,
    statementTimeoutMs: c.ATLAS_STATEMENT_TIMEOUT,
    rateLimit: c.ATLAS_RATE_LIMIT,
    trustProxy: c.ATLAS_TRUST_PROXY,
    hstsMaxAge: c.ATLAS_HSTS_MAX_AGE,
    cacheBytes: Math.floor(c.ATLAS_CACHE_MB * 1024 * 1024),
    publicUrl: c.ATLAS_PUBLIC_URL,
    sessions: { idleMs: c.ATLAS_SESSION_IDLE, absoluteMs: c.ATLAS_SESSION_MAX },
    signInRate: c.ATLAS_SIGN_IN_RATE,
    oidc: c.ATLAS_OIDC_ISSUER
      ? { issuer: c.ATLAS_OIDC_ISSUER, clientId: c.ATLAS_OIDC_CLIENT_ID!, clientSecret: c.ATLAS_OIDC_CLIENT_SECRET, label: c.ATLAS_OIDC_LABEL }
      : undefined,
    prospecting: { dormantDays: c.ATLAS_DORMANT_DAYS, followUpMonths: c.ATLAS_FOLLOW_UP_MONTHS },
    logLevel: c.ATLAS_LOG_LEVEL,
    metricsPort: c.ATLAS_METRICS_PORT,
    backups: c.ATLAS_BACKUP_DIR ? { dir: c.ATLAS_BACKUP_DIR, everyMs: c.ATLAS_BACKUP_EVERY, keep: c.ATLAS_BACKUP_KEEP } : undefined,
  };
}
