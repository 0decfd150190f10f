// What the window says while a store file that was not valid JSON sits beside the live one as a
// backup (`connections.corrupt-<time>.json`, `vault.corrupt-<time>.json`): which file, what is
// missing because of it, and how to get it back. The shells find the backups (they own the files);
// this module only words them, shell-neutrally and without any secret (a path and a count).

/** Backups of corrupt store files beside the live ones, oldest first (full paths). */
export interface CorruptBackups {
  connections: string[];
  vault: string[];
}

export interface CorruptBackupNotice {
  /** Which store file it was. */
  file: 'connections' | 'vault';
  /** The newest backup: the one to repair. */
  backup: string;
  /** How many older backups sit beside it. */
  olderBackups: number;
  message: string;
  remedy: string;
}

const WHAT_IS_MISSING: Record<CorruptBackupNotice['file'], string> = {
  connections: 'the connections saved in it are not shown here',
  vault: 'the secrets saved in it (client secrets and tokens) are missing here',
};

const SINCE: Record<CorruptBackupNotice['file'], string> = {
  connections: 'connections added since then are in the current connections.json',
  vault: 'secrets saved since then are in the current vault.json',
};

function notice(
  file: CorruptBackupNotice['file'],
  backups: readonly string[],
): CorruptBackupNotice {
  const backup = backups[backups.length - 1]!;
  const olderBackups = backups.length - 1;
  const older =
    olderBackups > 0
      ? ` (${olderBackups} older backup${olderBackups > 1 ? 's sit' : ' sits'} beside it)`
      : '';
  return {
    file,
    backup,
    olderBackups,
    // The path is `backup`, shown beside the message: a long path does not belong in a sentence.
    message: `An earlier ${file}.json was not valid JSON, so Token Desk kept it aside as a backup file${older}; ${WHAT_IS_MISSING[file]}.`,
    remedy:
      `To get them back, quit Token Desk, repair that file and move it back to ${file}.json (${SINCE[file]}: keep a copy of it). ` +
      'Once the backup is moved or deleted, this notice goes away.',
  };
}

/** One notice per store file that has backups (connections first). */
export function corruptBackupNotices(backups: CorruptBackups): CorruptBackupNotice[] {
  return [
    ...(backups.connections.length ? [notice('connections', backups.connections)] : []),
    ...(backups.vault.length ? [notice('vault', backups.vault)] : []),
  ];
}
