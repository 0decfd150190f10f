// Settings: how long a copied token stays on the clipboard, automatic refresh, the theme,
// (desktop app only) whether closing the window keeps Token Desk running in the tray; the
// request history (HistorySettings: keep or not, Clear history); and
// how the secrets are protected on this computer (CipherSettings: the active cipher and its
// warning, the choice for new connections, the passphrase, Share with the command line).

import { Button, Group, NumberInput, Paper, Stack, Switch, Table, Title } from '@mantine/core';
import { useState } from 'react';
import type { Settings } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LabelledSegments } from '../../components/LabelledSegments.js';
import { StatusLine } from '../../components/StatusLine.js';
import { CipherSettings } from './CipherSettings.js';
import { HistorySettings } from './HistorySettings.js';

const THEMES: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'Same as the system' },
];

export function SettingsPage({ onClose }: { onClose(): void }) {
  const { settings, info, updateSettings } = useAppState();
  const [seconds, setSeconds] = useState<string | number>(settings.clipboardClearSeconds);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useAction(async (patch: Partial<Settings>, what: string) => {
    setSaved(null);
    await updateSettings(patch);
    setSaved(`${what} saved.`);
  });
  const secondsValue = typeof seconds === 'number' ? seconds : Number.NaN;
  const secondsValid = Number.isInteger(secondsValue) && secondsValue >= 0 && secondsValue <= 3600;
  const saveSeconds = () => {
    if (secondsValid && secondsValue !== settings.clipboardClearSeconds)
      void save.run({ clipboardClearSeconds: secondsValue }, 'Clipboard delay');
  };

  return (
    <Stack maw={720} mx="auto" data-testid="settings">
      <Group justify="space-between">
        <Title order={2}>Settings</Title>
        <Button variant="default" onClick={onClose} data-testid="settings-close">
          Done
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Stack>
          <NumberInput
            label="Clear the clipboard after (seconds)"
            description={
              info.shell === 'browser'
                ? 'A copied token is removed from the clipboard after this long, if it is still there and your browser allows Token Desk to read the clipboard (it asks, or tells you when it could not). 0 keeps it.'
                : 'A copied token is removed from the clipboard after this long, if it is still there. 0 keeps it.'
            }
            min={0}
            max={3600}
            allowDecimal={false}
            allowNegative={false}
            value={seconds}
            onChange={setSeconds}
            onBlur={saveSeconds}
            onKeyDown={(e) => e.key === 'Enter' && saveSeconds()}
            error={secondsValid ? undefined : 'Use a whole number of seconds from 0 to 3600.'}
            data-testid="settings-clipboard"
            w={320}
          />
          <Switch
            label="Refresh access tokens automatically"
            description="Keeps every connection's access token fresh in the background, so copying is instant."
            checked={settings.autoRefresh}
            onChange={(e) =>
              void save.run({ autoRefresh: e.currentTarget.checked }, 'Automatic refresh')
            }
            data-testid="settings-auto-refresh"
          />
          {info.shell === 'electron' && (
            <Switch
              label="Keep running in the tray when the window is closed"
              description="Off: closing the window quits Token Desk. Turn it on only if your desktop shows tray icons (on GNOME, that takes the AppIndicator extension): otherwise a closed window leaves Token Desk running where you cannot see it. Quit is always in the menu."
              checked={settings.keepInTray ?? false}
              onChange={(e) =>
                void save.run({ keepInTray: e.currentTarget.checked }, 'Tray setting')
              }
              data-testid="settings-keep-in-tray"
            />
          )}
          <LabelledSegments
            id="settings-theme-label"
            label="Theme"
            value={settings.theme}
            onChange={(theme) => void save.run({ theme }, 'Theme')}
            data={THEMES}
            testId="settings-theme"
          />
          <StatusLine message={!save.error && saved} />
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <HistorySettings />
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <CipherSettings />
          <AboutTable />
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Which Token Desk this is and where it keeps its files. */
function AboutTable() {
  const { info } = useAppState();
  return (
    <Table variant="vertical" withTableBorder layout="fixed">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={170}>Version</Table.Th>
          <Table.Td>{info.version}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Running as</Table.Th>
          <Table.Td>{info.shell === 'electron' ? 'Desktop app' : 'Browser mode'}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Data folder</Table.Th>
          <Table.Td style={{ wordBreak: 'break-all' }}>
            <code>{info.home}</code>
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
