// Authorize a Self Client: the admin generates a grant code in the API Console and pastes it
// here (or it came from self_client.json). Zoho's code dies after the Time Duration chosen in the
// console (3 to 10 minutes, 3 by default), so the countdown is in plain sight; it stops once
// Zoho refused the code, which is then dead whatever the clock says.

import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { RpcError } from '../../../../main/rpc/contract.js';
import { useNow } from '../../app/clock.js';
import { Countdown } from '../../components/Countdown.js';
import { CopyField } from '../../components/CopyField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { dcInfo } from '../../lib/data-centres.js';

const DURATIONS = ['3', '5', '7', '10'];

export interface SelfClientCodeProps {
  dc: string;
  scopes: readonly string[];
  /** The code and its exact expiry, when they came from self_client.json. */
  code?: string;
  codeExpiresAt?: number | null;
  onCodeChange?(code: string): void;
  onAuthorize(code: string): void;
  running: boolean;
  error: RpcError | null;
  testIdPrefix: string;
  submitLabel?: string;
}

export function SelfClientCode(props: SelfClientCodeProps) {
  const now = useNow();
  const [code, setCode] = useState(props.code ?? '');
  const [enteredAt, setEnteredAt] = useState<number | null>(props.code ? now : null);
  const [minutes, setMinutes] = useState('3');
  /** The code last sent to Zoho: refused (invalid_code), its countdown means nothing any more. */
  const [submitted, setSubmitted] = useState<string | null>(null);
  const exact =
    props.code !== undefined && code === props.code && props.codeExpiresAt
      ? props.codeExpiresAt
      : null;
  const estimate = enteredAt !== null ? enteredAt + Number(minutes) * 60_000 : null;
  const deadline = exact ?? estimate;
  const expired = deadline !== null && deadline <= now;
  const refused = props.error?.code === 'invalid_code' && submitted === code.trim();
  const consoleUrl = dcInfo(props.dc)?.consoleUrl ?? 'https://api-console.zoho.com';
  const id = props.testIdPrefix;

  const change = (value: string) => {
    setCode(value);
    props.onCodeChange?.(value);
    if (!value.trim()) setEnteredAt(null);
    else if (enteredAt === null || value !== code) setEnteredAt(now);
  };

  return (
    <Stack>
      {!exact && <GenerateCodeSteps consoleUrl={consoleUrl} scopes={props.scopes} id={id} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!code.trim() || (exact && expired)) return;
          setSubmitted(code.trim());
          props.onAuthorize(code.trim());
        }}
      >
        <Stack>
          <TextInput
            label="Grant code"
            description="Starts with 1000. It works once, for the Time Duration you picked in the console (3 to 10 minutes)."
            placeholder="1000.xxxxxxxx.xxxxxxxx"
            value={code}
            onChange={(e) => change(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid={`${id}-code`}
            required
            data-autofocus
          />
          {!exact && (
            <NativeSelect
              label="Time Duration you chose in the console"
              description="Zoho's default is 3 minutes."
              data={DURATIONS.map((m) => ({ value: m, label: `${m} minutes` }))}
              value={minutes}
              onChange={(e) => setMinutes(e.currentTarget.value)}
              data-testid={`${id}-code-duration`}
            />
          )}
          {!refused && (
            <CodeExpiry deadline={deadline} exact={exact !== null} expired={expired} id={id} />
          )}
          {props.error && <ErrorAlert error={props.error} focus />}
          <Group>
            <Button
              type="submit"
              loading={props.running}
              disabled={!code.trim() || (exact !== null && expired)}
              data-testid={`${id}-authorize`}
            >
              {props.submitLabel ?? 'Get tokens'}
            </Button>
            {props.running && (
              <Text size="sm" c="dimmed" role="status">
                Exchanging the code with Zoho…
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Where the code comes from: the console's Generate Code, with the scopes to paste there. */
function GenerateCodeSteps(props: { consoleUrl: string; scopes: readonly string[]; id: string }) {
  return (
    <>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>
          Open the{' '}
          <Anchor href={props.consoleUrl} target="_blank" rel="noreferrer noopener">
            Zoho API Console
          </Anchor>{' '}
          and choose <b>Self Client</b>, then the <b>Generate Code</b> tab.
        </List.Item>
        <List.Item>
          {props.scopes.length > 0 ? (
            <>
              Paste the scopes below into <b>Scope</b>
            </>
          ) : (
            <>
              Type what the token may do into <b>Scope</b> (for example{' '}
              <b>ZohoCRM.modules.ALL,AaaServer.profile.READ</b>)
            </>
          )}
          , pick a <b>Time Duration</b>, add a description and click <b>Create</b>.
        </List.Item>
        <List.Item>
          If Zoho asks, choose the portal or org the token is for, then copy the code it shows and
          paste it here straight away (or click <b>Download</b> and drop the self_client.json on the
          first step).
        </List.Item>
      </List>
      {props.scopes.length > 0 && (
        <CopyField
          label="Scopes to paste"
          value={props.scopes.join(',')}
          testId={`${props.id}-scopes-copy`}
        />
      )}
    </>
  );
}

/**
 * How long the code still works, or that it has expired: for sure when the expiry came from
 * self_client.json (`exact`), probably when it is estimated from the Time Duration.
 */
function CodeExpiry(props: {
  deadline: number | null;
  exact: boolean;
  expired: boolean;
  id: string;
}) {
  const { deadline, exact } = props;
  if (deadline === null) return null;
  if (!props.expired)
    return (
      <Text size="sm" role="timer" aria-live="off" data-testid={`${props.id}-code-countdown`}>
        {exact ? 'The code from self_client.json expires in ' : 'The code expires in at most '}
        <Countdown until={deadline} fw={700} />
      </Text>
    );
  return exact ? (
    <ErrorAlert
      title="This code has expired"
      error={{
        message:
          'The grant code in this self_client.json is past its expiry time, so Zoho will refuse it.',
        remedy:
          'In the API Console open Self Client > Generate Code, create a new code (pick a longer Time Duration if you need it), then drop the new self_client.json or paste the code.',
      }}
    />
  ) : (
    <Alert color="orange" variant="light" title="This code has probably expired">
      <Text size="sm">
        If Zoho refuses it, generate a new code in the API Console and paste it here right away.
      </Text>
    </Alert>
  );
}
