// Export a connection for other tools: .env, JSON or a Postman environment. Secrets (client
// secret, refresh and access token) are included only when the user ticks the box for it, and an
// export with secrets that is copied leaves the clipboard after the delay, like a copied token: in
// Electron main copies it (and clears it); in browser mode this page does, as tryingly as tokens.

import { Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionView, Result } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { NoticeOutlet, useNotices } from '../../app/notices.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction, type Action } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LabelledSegments } from '../../components/LabelledSegments.js';
import { NoteAlert } from '../../components/NoteAlert.js';
import { Panel } from '../../components/Panel.js';
import { StatusLine } from '../../components/StatusLine.js';
import { copySecret, copyText } from '../../lib/clipboard.js';
import {
  browserClearPromise,
  CLIPBOARD_NOT_CLEARED_KEY,
  CLIPBOARD_NOTICE_ANCHOR,
  clipboardNotClearedNotice,
  electronClearPromise,
} from './use-token-copy.js';

type Format = 'env' | 'json' | 'postman';
type Exported = Result<'connections.export'>;

const FORMATS: Array<{ value: Format; label: string }> = [
  { value: 'env', label: '.env file' },
  { value: 'json', label: 'JSON' },
  { value: 'postman', label: 'Postman environment' },
];

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

/**
 * Browser mode: this page writes the clipboard; with secrets, it tries to clear them after
 * `clearSeconds` (null: no secrets, nothing to clear). Resolves to the line under the buttons.
 */
async function copyInBrowser(
  text: string,
  clearSeconds: number | null,
  notices: ReturnType<typeof useNotices>,
): Promise<string> {
  if (clearSeconds === null) {
    await copyText(text);
    return 'Copied.';
  }
  notices.dismiss(CLIPBOARD_NOT_CLEARED_KEY);
  await copySecret(text, clearSeconds, {
    onClearResult: (outcome) => {
      if (outcome === 'not-allowed')
        notices.show(clipboardNotClearedNotice('the export with its secrets'));
    },
  });
  return `Copied.${browserClearPromise(clearSeconds)}`;
}

export function ExportCard({ connection }: { connection: ConnectionView }) {
  const rpc = useRpc();
  const notices = useNotices();
  const { info, settings } = useAppState();
  const [format, setFormat] = useState<Format>('env');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [result, setResult] = useState<Exported | null>(null);
  /** What Copy did: null before, else the line under the buttons. */
  const [copied, setCopied] = useState<string | null>(null);
  const request = { name: connection.name, format, includeSecrets };
  const exportIt = useAction(async () => {
    setCopied(null);
    setResult(await rpc.call('connections.export', request));
  });
  const copy = useAction(async () => {
    if (!result) return;
    if (info.shell === 'electron') {
      // Main copies a fresh export and clears it later; it is the text shown from now on.
      const again = await rpc.call('connections.export', { ...request, copy: true });
      setResult(again);
      setCopied(`Copied.${electronClearPromise(again.copied?.clearAfterSeconds ?? 0)}`);
      return;
    }
    try {
      const clearSeconds = includeSecrets ? settings.clipboardClearSeconds : null;
      setCopied(await copyInBrowser(result.text, clearSeconds, notices));
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
    <Panel title="Export">
      <LabelledSegments
        id="export-format-label"
        label="Format"
        value={format}
        onChange={(value) => {
          setFormat(value);
          reset();
        }}
        data={FORMATS}
        testId="export-format"
      />
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
        <ExportResult result={result} withSecrets={includeSecrets} copy={copy} copied={copied} />
      )}
      <NoticeOutlet anchor={CLIPBOARD_NOTICE_ANCHOR} />
    </Panel>
  );
}

/** The export made: its text, Save and Copy, and what Copy did. */
function ExportResult({
  result,
  withSecrets,
  copy,
  copied,
}: {
  result: Exported;
  withSecrets: boolean;
  copy: Action<[], void>;
  copied: string | null;
}) {
  return (
    <Stack gap="xs">
      {withSecrets && (
        <NoteAlert
          color="orange"
          title="This export contains secrets"
          text="Save it somewhere private, and delete it when you no longer need it."
        />
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
      <StatusLine message={copied} testId="export-copied" />
    </Stack>
  );
}
