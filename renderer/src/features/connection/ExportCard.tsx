// Export a connection for other tools: .env, JSON or a Postman environment. Secrets (client
// secret, refresh and access token) are included only when the user ticks the box for it, and an
// export with secrets that is copied leaves the clipboard after the delay, like a copied token: in
// Electron main copies it (and clears it); in browser mode this page does, as tryingly as tokens.

import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ConnectionView, Result } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { NoticeOutlet, useNotices } from '../../app/notices.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { copySecret, copyText } from '../../lib/clipboard.js';
import { describeSeconds } from '../../lib/format.js';
import {
  browserClearPromise,
  CLIPBOARD_NOT_CLEARED_KEY,
  CLIPBOARD_NOTICE_ANCHOR,
  clipboardNotClearedNotice,
} from './use-token-copy.js';

type Format = 'env' | 'json' | 'postman';

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportCard({ connection }: { connection: ConnectionView }) {
  const rpc = useRpc();
  const notices = useNotices();
  const { info, settings } = useAppState();
  const [format, setFormat] = useState<Format>('env');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [result, setResult] = useState<Result<'connections.export'> | null>(null);
  /** What Copy did: null before, else the line under the buttons. */
  const [copied, setCopied] = useState<string | null>(null);
  const exportIt = useAction(async () => {
    setCopied(null);
    setResult(
      await rpc.call('connections.export', { name: connection.name, format, includeSecrets }),
    );
  });
  const copy = useAction(async () => {
    if (!result) return;
    if (info.shell === 'electron') {
      // Main copies a fresh export and clears it later; it is the text shown from now on.
      const again = await rpc.call('connections.export', {
        name: connection.name,
        format,
        includeSecrets,
        copy: true,
      });
      setResult(again);
      const seconds = again.copied?.clearAfterSeconds ?? 0;
      setCopied(
        `Copied.${seconds > 0 ? ` The clipboard is cleared in ${describeSeconds(seconds)}.` : ''}`,
      );
      return;
    }
    try {
      if (includeSecrets) {
        const seconds = settings.clipboardClearSeconds;
        notices.dismiss(CLIPBOARD_NOT_CLEARED_KEY);
        await copySecret(result.text, seconds, {
          onClearResult: (outcome) => {
            if (outcome === 'not-allowed')
              notices.show(clipboardNotClearedNotice('the export with its secrets'));
          },
        });
        setCopied(`Copied.${browserClearPromise(seconds)}`);
      } else {
        await copyText(result.text);
        setCopied('Copied.');
      }
    } catch (thrown) {
      const e = thrown as Error & { remedy?: string };
      exportIt.setError({
        code: 'clipboard',
        message: e.message,
        remedy: e.remedy ?? 'Select the text and copy it by hand.',
      });
    }
  });
  const reset = () => {
    setResult(null);
    setCopied(null);
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Export
        </Title>
        <div>
          <Text size="sm" fw={500} id="export-format-label">
            Format
          </Text>
          <SegmentedControl
            role="radiogroup"
            aria-labelledby="export-format-label"
            value={format}
            onChange={(value) => {
              setFormat(value as Format);
              reset();
            }}
            data={[
              { value: 'env', label: '.env file' },
              { value: 'json', label: 'JSON' },
              { value: 'postman', label: 'Postman environment' },
            ]}
            data-testid="export-format"
          />
        </div>
        <Checkbox
          label="Include secrets (client secret, refresh token, access token)"
          description="Anyone with the file can act as this Zoho user. Keep it out of email, chats and git."
          checked={includeSecrets}
          onChange={(e) => {
            setIncludeSecrets(e.currentTarget.checked);
            reset();
          }}
          data-testid="export-secrets"
        />
        <Group>
          <Button
            onClick={() => void exportIt.run()}
            loading={exportIt.running}
            data-testid="export-run"
          >
            Export
          </Button>
        </Group>
        {(exportIt.error ?? copy.error) && <ErrorAlert error={(exportIt.error ?? copy.error)!} />}
        {result && (
          <Stack gap="xs">
            {includeSecrets && (
              <Alert color="orange" variant="light" title="This export contains secrets">
                <Text size="sm">
                  Save it somewhere private, and delete it when you no longer need it.
                </Text>
              </Alert>
            )}
            <Textarea
              label={`Exported ${result.fileName}`}
              value={result.text}
              readOnly
              autosize
              minRows={4}
              maxRows={16}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="export-text"
            />
            <Group>
              <Button
                variant="light"
                onClick={() => download(result.text, result.fileName)}
                data-testid="export-download"
              >
                Save as {result.fileName}
              </Button>
              <Button
                variant="light"
                onClick={() => void copy.run()}
                loading={copy.running}
                data-testid="export-copy"
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </Group>
            <div role="status" aria-live="polite">
              {copied && (
                <Text size="sm" c="teal" data-testid="export-copied">
                  {copied}
                </Text>
              )}
            </div>
          </Stack>
        )}
        <NoticeOutlet anchor={CLIPBOARD_NOTICE_ANCHOR} />
      </Stack>
    </Paper>
  );
}
