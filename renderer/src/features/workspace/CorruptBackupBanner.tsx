// Says at the top of the workspace, while a store file that was not valid JSON sits beside the live
// one as a backup, which file it is, what is missing because of it, and how to get it back: without
// it, connections or secrets would seem to vanish without a word. Gone once the backup is moved or
// deleted (looked up again when the window gets focus back).

import { Alert, Code, Stack, Text } from '@mantine/core';
import { useAppState } from '../../app/app-state.js';

const TITLES = {
  connections: 'Some connections could not be read',
  vault: 'Some saved secrets could not be read',
} as const;

export function CorruptBackupBanner() {
  const { corruptBackups } = useAppState();
  if (corruptBackups.length === 0) return null;
  return (
    <Stack gap="sm" mb="md">
      {corruptBackups.map((notice) => (
        <Alert
          key={notice.file}
          color="orange"
          variant="light"
          title={TITLES[notice.file]}
          data-testid={`corrupt-backup-${notice.file}`}
        >
          <Stack gap={6}>
            <Text size="sm" data-testid={`corrupt-backup-${notice.file}-message`}>
              {notice.message}
            </Text>
            <Text size="sm">
              <Text span fw={600} inherit>
                What to do:{' '}
              </Text>
              {notice.remedy}
            </Text>
            <Text size="xs" c="dimmed">
              Backup file: <Code style={{ wordBreak: 'break-all' }}>{notice.backup}</Code>
            </Text>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
