// Building blocks of the API contract: how a call is declared, and the schemas many calls share.
import { z } from 'zod';
import { parseIsoInstant } from '../dates';

/** A finite number: NaN and ±Infinity are rejected at the boundary. */
export const finite = z.number().refine(Number.isFinite, 'must be a finite number');
export const lonLatSchema = z.tuple([
  finite.refine((v) => v >= -180 && v <= 180, 'longitude must be within [-180, 180]'),
  finite.refine((v) => v >= -90 && v <= 90, 'latitude must be within [-90, 90]'),
]);
export const pointSchema = z.object({ type: z.literal('Point'), coordinates: lonLatSchema }).strict();
export const idSchema = z.string().uuid();
/** Paths come from the user; bounded so an absurd payload is refused before it reaches the disk. */
export const pathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path must not contain NUL');
/** An output's "replace it": without it a file already at `path` is refused with code 'exists' (the UI asks, the CLI takes --force). */
export const overwriteSchema = z.boolean().optional();
export const empty = z.object({}).strict();
/**
 * An instant in a request or a file (shared/dates.ts parseIsoInstant: no zone is UTC, an offset is
 * converted), given on as ISO UTC with Z: what passes the schema is what is stored and compared, so
 * no handler reads raw text with Date.parse in the machine's zone.
 */
export const isoInstantSchema = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const iso = parseIsoInstant(s);
    if (typeof iso === 'string') return iso;
    ctx.addIssue({ code: 'custom', message: iso.error });
    return z.NEVER;
  });

/** A call's request schema, and its response type carried as a phantom. */
export interface CallSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Type-only: never read at run time. */
  response?: Res;
}

/** Declares a call: `call<ResponseType>()(requestSchema)`. */
export function call<Res>() {
  return <Req extends z.ZodType>(request: Req): CallSpec<Req, Res> => ({ request });
}

/**
 * The first thing a schema found wrong, as `field: reason` (e.g. `geometry.coordinates[0][3]: longitude
 * must be within [-180, 180]`), so a message about a file names the field the way the API would.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is malformed';
  const where = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
  // zod says "expected string, received undefined" for a field that is simply not there.
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return `${where || 'a value'} is missing`;
  return where ? `${where}: ${issue.message}` : issue.message;
}
