// Reads a dropped or picked self_client.json to fill the wizard, with the shared reader
// (main/vocabulary/self-client-file.ts) the core imports it with, so both say the same about a bad
// file. The client secret and grant code go into the form (as if typed) and nowhere else.

import {
  readSelfClientJson,
  SELF_CLIENT_FILE_MAX_BYTES,
  SELF_CLIENT_FILE_REMEDY,
  type SelfClientFile,
} from '../../../main/vocabulary/index.js';

export type { SelfClientFile } from '../../../main/vocabulary/index.js';

export class SelfClientFileError extends Error {
  constructor(
    message: string,
    readonly remedy = SELF_CLIENT_FILE_REMEDY,
  ) {
    super(message);
    this.name = 'SelfClientFileError';
  }
}

export function parseSelfClientFile(text: string): SelfClientFile {
  const reading = readSelfClientJson(text);
  if (!reading.ok) throw new SelfClientFileError(reading.problem.message, reading.problem.remedy);
  return reading.file;
}

/** Reads and parses a dropped or picked file. */
export async function readSelfClientFile(file: Blob): Promise<SelfClientFile> {
  if (file.size > SELF_CLIENT_FILE_MAX_BYTES)
    throw new SelfClientFileError('This file is far too large to be a self_client.json from Zoho.');
  return parseSelfClientFile(await file.text());
}
