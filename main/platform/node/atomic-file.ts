// The one way Token Desk writes a document to disk (connections, vault, history, settings): the
// whole file at once through write-file-atomic (a temporary file beside it, fsync, rename), so a
// crash or a concurrent reader never sees half a document, with mode 0600 (owner only: the
// vault's envelopes and connection details are nobody else's) in a home folder created 0700.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` to `path` atomically with mode 0600, creating its folder (0700) if missing. */
export async function writeFileAtomic0600(path: string, text: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Loaded on the first write: commands that only read (`token-desk token` with a cached token)
  // never parse it (docs/architecture.md "Start-up time").
  const { default: writeFileAtomic } = await import('write-file-atomic');
  // An explicit mode: otherwise write-file-atomic keeps the mode of the file it replaces.
  await writeFileAtomic(path, text, { mode: 0o600, fsync: true });
}
