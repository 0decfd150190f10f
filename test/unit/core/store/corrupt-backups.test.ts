// The window's words for store files kept aside as not valid JSON: which file, what is missing,
// how to get it back, and the backup to repair (the newest), with no secret in any of it.
import { describe, expect, it } from 'vitest';
import { corruptBackupNotices } from '../../../../main/core/store/corrupt-backups.js';

const HOME = '/home/ada/.config/token-desk';

describe('corruptBackupNotices', () => {
  it('says nothing when there are no backups', () => {
    expect(corruptBackupNotices({ connections: [], vault: [] })).toEqual([]);
  });

  it('names the newest backup of each file, what is missing, and how to get it back', () => {
    const notices = corruptBackupNotices({
      connections: [
        `${HOME}/connections.corrupt-2025-02-01T09-00-00-000Z.json`,
        `${HOME}/connections.corrupt-2025-03-01T10-00-00-000Z.json`,
      ],
      vault: [`${HOME}/vault.corrupt-2025-03-01T10-00-00-000Z.json`],
    });
    expect(notices.map((n) => [n.file, n.backup, n.olderBackups])).toEqual([
      ['connections', `${HOME}/connections.corrupt-2025-03-01T10-00-00-000Z.json`, 1],
      ['vault', `${HOME}/vault.corrupt-2025-03-01T10-00-00-000Z.json`, 0],
    ]);
    expect(notices[0]!.message).toBe(
      'An earlier connections.json was not valid JSON, so Token Desk kept it aside as a backup file (1 older backup sits beside it); the connections saved in it are not shown here.',
    );
    expect(notices[1]!.message).toBe(
      'An earlier vault.json was not valid JSON, so Token Desk kept it aside as a backup file; the secrets saved in it (client secrets and tokens) are missing here.',
    );
    expect(notices[0]!.remedy).toMatch(
      /^To get them back, quit Token Desk, repair that file and move it back to connections\.json /,
    );
    expect(notices[1]!.remedy).toContain('move it back to vault.json');
    for (const notice of notices) {
      // Shell-neutral: the window shows it; no command to type.
      expect(`${notice.message} ${notice.remedy}`).not.toMatch(/token-desk |--|TOKEN_DESK_/);
      expect(notice.remedy).toMatch(
        /Once the backup is moved or deleted, this notice goes away\.$/,
      );
    }
  });

  it('counts several older backups', () => {
    const [notice] = corruptBackupNotices({
      connections: ['a', 'b', 'c'].map((x) => `${HOME}/connections.corrupt-${x}.json`),
      vault: [],
    });
    expect(notice!.message).toContain('(2 older backups sit beside it)');
  });
});
