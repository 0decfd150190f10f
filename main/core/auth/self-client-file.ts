// Reads the `self_client.json` that the API Console's Self Client > Generate Code offers for
// download (reference §3.1), and checks that its grant code has not expired. The file holds the
// client secret and the code: neither ever appears in a message.

import * as z from '../schema.js';
import { inputError } from '../errors.js';
import { splitScopes } from '../zoho/token-response.js';

export interface SelfClientFile {
  clientId: string;
  clientSecret: string;
  code: string;
  scopes: string[];
  /** When the code expires, ms since epoch. */
  expiryTime: number;
  grantType: 'authorization_code';
}

const REMEDY =
  'Download it again from the Zoho API Console: Self Client > Generate Code, then Download, and import that file without editing it.';

const nonEmpty = z.string().check(z.trim(), z.minLength(1));

const fileSchema = z.object({
  client_id: nonEmpty,
  client_secret: nonEmpty,
  code: nonEmpty,
  scope: z.pipe(
    z.pipe(
      z.union([z.array(z.string()), z.string()]),
      z.transform((value: string[] | string) => splitScopes(value)),
    ),
    z.array(z.string()).check(z.minLength(1)),
  ),
  expiry_time: z.pipe(
    z.union([
      z.number(),
      z.pipe(z.string().check(z.trim(), z.regex(/^\d+$/)), z.transform(Number)),
    ]),
    z.number().check(z.positive()),
  ),
  // Always "authorization_code" in real files; tolerate its absence, refuse anything else.
  grant_type: z.optional(z.literal('authorization_code')),
});

/** Parses the file's text (or already-parsed JSON) into a SelfClientFile. */
export function parseSelfClientFile(input: unknown): SelfClientFile {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, '')) as unknown;
    } catch {
      throw inputError(
        'bad_self_client_file',
        'The file is not valid JSON, so it is not a self_client.json from Zoho.',
        REMEDY,
      );
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw inputError(
      'bad_self_client_file',
      'The file does not contain a JSON object, so it is not a self_client.json from Zoho.',
      REMEDY,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'unknown');
    const present = Object.hasOwn(json, field);
    throw inputError(
      'bad_self_client_file',
      present
        ? `The "${field}" field of the self_client.json file is not valid.`
        : `The self_client.json file has no "${field}" field.`,
      REMEDY,
      { field },
    );
  }
  const file = parsed.data;
  return {
    clientId: file.client_id,
    clientSecret: file.client_secret,
    code: file.code,
    scopes: file.scope,
    // Zoho writes milliseconds; a seconds value (10 digits) would otherwise read as 1970.
    expiryTime: file.expiry_time < 1e11 ? file.expiry_time * 1000 : file.expiry_time,
    grantType: 'authorization_code',
  };
}

/** Refuses a code that is already past its expiry_time, saying how long ago and what to do. */
export function assertSelfClientCodeFresh(file: SelfClientFile, now: number): void {
  const overdue = now - file.expiryTime;
  if (overdue < 0) return;
  throw inputError(
    'grant_code_expired',
    `The grant code in this self_client.json expired ${describeAgo(overdue)}.`,
    'In the Zoho API Console open Self Client > Generate Code, enter the scopes, pick a Time Duration (3, 5, 7 or 10 minutes), download self_client.json again and import it within that time.',
    { expiredAt: file.expiryTime, expiredAgoMs: overdue },
  );
}

/** "just now", "45 seconds ago", "4 minutes ago", "3 hours ago", "2 days ago". */
export function describeAgo(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'just now';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}
