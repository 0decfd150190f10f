// Imports the `self_client.json` that the API Console's Self Client > Generate Code offers for
// download: the shared reader (main/vocabulary/self-client-file.ts) parses it, this module turns
// a bad file into an input error and refuses a grant code that has expired. The file holds the
// client secret and the code: neither ever appears in a message.

import { inputError } from '../errors.js';
import { describeAgo, readSelfClientJson, type SelfClientFile } from '../../vocabulary/index.js';

export type { SelfClientFile } from '../../vocabulary/index.js';

/** Parses the file's text (or already-parsed JSON) into a SelfClientFile. */
export function parseSelfClientFile(input: unknown): SelfClientFile {
  const reading = readSelfClientJson(input);
  if (reading.ok) return reading.file;
  const { message, remedy, field } = reading.problem;
  throw inputError(
    'bad_self_client_file',
    message,
    remedy,
    field === undefined ? undefined : { field },
  );
}

/** Refuses a code that is already past its expiry_time, saying how long ago and what to do. */
export function assertSelfClientCodeFresh(file: SelfClientFile, now: number): void {
  const overdue = now - file.expiresAt;
  if (overdue < 0) return;
  throw inputError(
    'grant_code_expired',
    `The grant code in this self_client.json expired ${describeAgo(overdue)}.`,
    'In the Zoho API Console open Self Client > Generate Code, enter the scopes, pick a Time Duration (3, 5, 7 or 10 minutes), download self_client.json again and import it within that time.',
    { expiredAt: file.expiresAt, expiredAgoMs: overdue },
  );
}
