import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createError } from '../errors.js';

export const DEPLOYMENT_INVALID = createError(
  'DEPLOYMENT_INVALID',
  {
    en: 'Deployment configuration {source} is not valid: {reason}',
    fr: 'La configuration de déploiement {source} n’est pas valide : {reason}',
  },
  500,
);

/** How this installation runs: where its data is, which database, which port, which SMTP server. */
export interface Deployment {
  /** Data folder (default `./data`). */
  readonly dataDir: string;
  /** `postgres://…` to use PostgreSQL; absent for the embedded SQLite store. */
  readonly databaseUrl?: string;
  /** HTTP port of `serve` (default 8080). */
  readonly port: number;
  /** Address `serve` listens on (default 127.0.0.1). */
  readonly host: string;
  /** `smtp://user:pass@host:port` or `smtps://…`; absent means mails go to `data/outbox/`. Never logged. */
  readonly smtpUrl?: string;
  /** The Moodle web-service token when the platform is Moodle (`TOOL_SYNC_MOODLE_TOKEN`). A secret: never logged. */
  readonly moodleToken?: string;
}

const FILE_SCHEMA = z
  .object({
    dataDir: z.string().min(1).optional(),
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
    port: z.number().int().min(1).max(65535).optional(),
    host: z.string().min(1).optional(),
    smtpUrl: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
    moodleToken: z.string().regex(/^[\w-]+$/, 'must be a Moodle web service token (letters and digits)').optional(),
  })
  .strict();

/**
 * The deployment configuration: command-line flags first, then the environment (`TOOL_SYNC_DATA`,
 * `TOOL_SYNC_DB`, `TOOL_SYNC_PORT`, `TOOL_SYNC_HOST`, `TOOL_SYNC_SMTP`, `TOOL_SYNC_MOODLE_TOKEN`), then a JSON config file
 * (`TOOL_SYNC_CONFIG`, default `./tool-sync.json` when present), then the defaults.
 */
export function loadDeployment(flags: Partial<Deployment> = {}, env: NodeJS.ProcessEnv = process.env): Deployment {
  const file = readConfigFile(env.TOOL_SYNC_CONFIG ?? 'tool-sync.json', env.TOOL_SYNC_CONFIG !== undefined);
  const fromEnv = FILE_SCHEMA.safeParse(
    withoutUndefined({
      dataDir: env.TOOL_SYNC_DATA,
      databaseUrl: env.TOOL_SYNC_DB,
      port: env.TOOL_SYNC_PORT ? Number(env.TOOL_SYNC_PORT) : undefined,
      host: env.TOOL_SYNC_HOST,
      smtpUrl: env.TOOL_SYNC_SMTP,
      moodleToken: env.TOOL_SYNC_MOODLE_TOKEN,
    }),
  );
  if (!fromEnv.success) throw DEPLOYMENT_INVALID({ source: 'environment', reason: describe(fromEnv.error) });
  return { dataDir: './data', port: 8080, host: '127.0.0.1', ...file, ...fromEnv.data, ...withoutUndefined(flags) };
}

function readConfigFile(path: string, required: boolean): z.infer<typeof FILE_SCHEMA> {
  if (!existsSync(path)) {
    if (required) throw DEPLOYMENT_INVALID({ source: path, reason: 'file not found' });
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw DEPLOYMENT_INVALID({ source: path, reason: (error as Error).message });
  }
  const parsed = FILE_SCHEMA.safeParse(json);
  if (!parsed.success) throw DEPLOYMENT_INVALID({ source: path, reason: describe(parsed.error) });
  return parsed.data;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Drops absent values; an empty environment variable counts as absent. */
function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}
