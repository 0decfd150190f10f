// The first step's shortcut for a Self Client: a self_client.json from the API Console, dropped
// or picked, fills in the client, its scopes and the grant code (with its exact expiry) in one go.

import { Alert, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type ComponentProps, type DragEvent } from 'react';
import { useNow } from '../../app/clock.js';
import { Countdown } from '../../components/Countdown.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { readSelfClientFile, SelfClientFileError } from '../../lib/self-client-file.js';
import type { WizardDraft } from './draft.js';

export interface SelfClientDropProps {
  draft: WizardDraft;
  onChange(patch: Partial<WizardDraft>): void;
}

export function SelfClientDrop({ onChange, draft }: SelfClientDropProps) {
  const [over, setOver] = useState(false);
  const [error, setError] = useState<{ message: string; remedy: string } | null>(null);
  const now = useNow();

  const load = async (file: File | null) => {
    if (!file) return;
    setError(null);
    try {
      const parsed = await readSelfClientFile(file);
      onChange({
        clientType: 'self',
        clientId: parsed.clientId,
        clientSecret: parsed.clientSecret,
        pickedScopes: parsed.scopes,
        typedScopes: '',
        code: parsed.code,
        codeExpiresAt: parsed.expiresAt,
        fileName: file.name,
      });
    } catch (thrown) {
      setError(
        thrown instanceof SelfClientFileError
          ? { message: thrown.message, remedy: thrown.remedy }
          : { message: 'This file could not be read.', remedy: 'Try choosing it again.' },
      );
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void load(e.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="md"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="wizard-dropzone"
      >
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">
            Have a <b>self_client.json</b> from the API Console? Drop it here to fill in everything.
          </Text>
          <FileButton
            onChange={(file) => void load(file)}
            accept="application/json,.json"
            inputProps={
              {
                'aria-label': 'self_client.json file',
                'data-testid': 'wizard-file-input',
              } as ComponentProps<'input'>
            }
          >
            {(props) => (
              <Button variant="light" size="xs" {...props} data-testid="wizard-file-pick">
                Choose self_client.json…
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {error && <ErrorAlert title="That file cannot be used" error={error} focus />}
      {draft.fileName && !error && (
        <Alert
          color="teal"
          variant="light"
          title={`Filled from ${draft.fileName}`}
          data-testid="wizard-file-loaded"
        >
          <Text size="sm">
            Client ID, client secret, {draft.pickedScopes.length} scope
            {draft.pickedScopes.length === 1 ? '' : 's'} and the grant code
            {draft.codeExpiresAt && draft.codeExpiresAt > now ? (
              <>
                {' '}
                (it expires in <Countdown until={draft.codeExpiresAt} fw={700} />: keep going)
              </>
            ) : (
              ' (already expired: you will need a new code at the last step)'
            )}
            . The file does not say which data centre it came from: check the data centre below.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
