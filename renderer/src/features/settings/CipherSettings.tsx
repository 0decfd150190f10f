// Settings → how your secrets are protected: the active cipher and its warning, the choice of the
// cipher that seals new connections (within what this computer offers), the passphrase (set up,
// or entered), and, in the desktop app, Share with the command line: re-seal connections with the
// OS keyring so the token-desk command line can use them too.

import { Badge, Button, Group, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CipherId, ConnectionView, VaultStatusView } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction, type Action } from '../../app/use-action.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NoteAlert } from '../../components/NoteAlert.js';
import { StatusLine } from '../../components/StatusLine.js';
import { PassphraseForm } from '../vault/PassphraseForm.js';
import { UnlockForm } from '../vault/UnlockForm.js';
import { appOnlyConnectionIds, useVaultState } from '../vault/vault-state.js';
import { ACTIVE_CIPHER_WORDS, CIPHER_CHOICE_WORDS } from './cipher-words.js';

/** Connections listed with their own Share button; more are shared with "Share all". */
const SHARE_LISTED = 10;

export function cipherBadgeText(status: Pick<VaultStatusView, 'secure' | 'primary'>): string {
  if (!status.secure) return 'Weaker protection';
  return status.primary === 'passphrase'
    ? 'Encrypted with your passphrase'
    : 'Encrypted by your system';
}

export function CipherSettings() {
  const { info } = useAppState();
  const vault = useVaultState();
  // No vault status (it could not be loaded): what app.info says, read-only.
  const fromInfo = info.cipher.id === 'passphrase' ? 'passphrase' : 'safestorage';
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        How your secrets are protected
      </Title>
      {vault ? (
        <CipherChoice status={vault.status} setStatus={vault.setStatus} />
      ) : (
        <ActiveCipher
          secure={info.cipher.secure}
          badge={cipherBadgeText({ secure: info.cipher.secure, primary: fromInfo })}
          words={ACTIVE_CIPHER_WORDS[fromInfo]}
          description={info.cipher.description}
          warning={info.cipher.warning}
        />
      )}
    </Stack>
  );
}

function ActiveCipher(props: {
  secure: boolean;
  badge: string;
  /** In plain words. */
  words: string;
  /** The core's technical description, kept as a detail for whoever wants it. */
  description: string;
  warning?: string;
}) {
  return (
    <>
      <Group gap="xs">
        <Badge color={props.secure ? 'green' : 'orange'} data-testid="settings-cipher-secure">
          {props.badge}
        </Badge>
        <Text
          size="sm"
          component="div"
          style={{ flex: 1, minWidth: 240 }}
          data-testid="settings-cipher"
        >
          {props.words}
          <details>
            <summary>Technical details</summary>
            <Text size="xs" c="dimmed">
              {props.description}
            </Text>
          </details>
        </Text>
      </Group>
      {props.warning && (
        <NoteAlert
          color="orange"
          title="Be careful"
          text={props.warning}
          testId="settings-cipher-warning"
        />
      )}
    </>
  );
}

type Pending = { kind: 'create' } | { kind: 'unlock'; thenChoose: boolean } | null;

/** The vault's status in full: the active cipher, the choice for new connections, and sharing. */
function CipherChoice({
  status,
  setStatus,
}: {
  status: VaultStatusView;
  setStatus(status: VaultStatusView): void;
}) {
  const rpc = useRpc();
  const { connections } = useAppState();
  const [pending, setPending] = useState<Pending>(null);
  const [note, setNote] = useState<string | null>(null);

  const choose = useAction(async (cipher: CipherId) => {
    setNote(null);
    const next = await rpc.call('vault.choose', { cipher });
    setStatus(next);
    setNote('New connections will be protected this way.');
  });
  const share = useAction(async (name?: string) => {
    setNote(null);
    const result = await rpc.call('vault.shareWithCli', name === undefined ? {} : { name });
    setStatus(result.status);
    setNote(
      result.shared === 0
        ? 'Nothing to share: the command line can already use these connections.'
        : `Shared ${result.shared} connection${result.shared === 1 ? '' : 's'} with the command line.`,
    );
  });

  const onChoice = (value: string) => {
    const cipher = value as CipherId;
    if (cipher === status.primary) return;
    if (cipher === 'passphrase' && status.passphrase !== 'unlocked') {
      setPending(
        status.passphrase === 'none' ? { kind: 'create' } : { kind: 'unlock', thenChoose: true },
      );
      return;
    }
    setPending(null);
    void choose.run(cipher);
  };

  const appOnly = appOnlyConnectionIds(status);
  const unshared = connections.filter((c) => appOnly.has(c.id));

  return (
    <>
      <ActiveCipher
        secure={status.secure}
        badge={cipherBadgeText(status)}
        words={ACTIVE_CIPHER_WORDS[status.primary]}
        description={status.description}
        warning={status.warning}
      />

      <Radio.Group
        label="Protect new connections with"
        description={
          status.passphraseFromEnv
            ? 'Token Desk was started with a passphrase given to it (TOKEN_DESK_PASSPHRASE is set), so this run uses that one. Start Token Desk without it to choose here.'
            : 'Connections you already have keep the protection they were stored with.'
        }
        value={status.primary}
        onChange={onChoice}
        data-testid="settings-cipher-choice"
      >
        <Stack gap="xs" mt="xs">
          {status.choices.map((choice) => (
            <CipherOption
              key={choice.id}
              choice={choice}
              inUse={choice.id === status.primary}
              busy={choose.running}
            />
          ))}
        </Stack>
      </Radio.Group>

      <PassphrasePrompt
        status={status}
        pending={pending}
        setPending={setPending}
        onStatus={(next, said) => {
          setStatus(next);
          setPending(null);
          setNote(said);
        }}
      />

      {status.program === 'desktop' && (
        <ShareWithCli status={status} unshared={unshared} share={share} />
      )}

      <StatusLine message={!choose.error && !share.error && note} testId="settings-cipher-note" />
      {choose.error && <ErrorAlert error={choose.error} />}
      {share.error && <ErrorAlert error={share.error} />}
    </>
  );
}

/** One cipher to protect new connections with, or why this computer does not offer it. */
function CipherOption({
  choice,
  inUse,
  busy,
}: {
  choice: VaultStatusView['choices'][number];
  inUse: boolean;
  busy: boolean;
}) {
  return (
    <Radio
      value={choice.id}
      label={choice.label}
      description={
        choice.available
          ? CIPHER_CHOICE_WORDS[choice.id]
          : inUse
            ? 'In use for this run.'
            : (choice.reason ?? 'Not available on this computer.')
      }
      disabled={!choice.available || busy}
      data-testid={`settings-cipher-choice-${choice.id}`}
    />
  );
}

/** The passphrase asked for: set up (to choose it), entered (to choose or unlock it), or offered. */
function PassphrasePrompt({
  status,
  pending,
  setPending,
  onStatus,
}: {
  status: VaultStatusView;
  pending: Pending;
  setPending(pending: Pending): void;
  /** The vault's new status, and the line that says what changed. */
  onStatus(next: VaultStatusView, said: string): void;
}) {
  const rpc = useRpc();
  if (pending?.kind === 'create')
    return (
      <PassphraseForm
        minLength={status.passphraseMinLength}
        onDone={(next) => onStatus(next, 'Your passphrase now protects new connections.')}
        onCancel={() => setPending(null)}
        testId="settings-passphrase"
      />
    );
  if (pending?.kind === 'unlock')
    return (
      <UnlockForm
        onDone={async (next) => {
          const chosen =
            pending.thenChoose && next.primary !== 'passphrase'
              ? await rpc.call('vault.choose', { cipher: 'passphrase' })
              : next;
          onStatus(
            chosen,
            pending.thenChoose ? 'Your passphrase now protects new connections.' : 'Unlocked.',
          );
        }}
        onCancel={() => setPending(null)}
        testId="settings-unlock"
      />
    );
  if (status.passphrase !== 'locked' || status.locked) return null;
  return (
    <Group gap="sm">
      <Text size="sm">
        Some secrets here may be protected by your passphrase, which was not entered since Token
        Desk started.
      </Text>
      <Button
        size="xs"
        variant="light"
        onClick={() => setPending({ kind: 'unlock', thenChoose: false })}
        data-testid="settings-open-unlock"
      >
        Enter passphrase
      </Button>
    </Group>
  );
}

/** Desktop app: re-seal connections sealed for this app only, so the command line can use them. */
function ShareWithCli({
  status,
  unshared,
  share,
}: {
  status: VaultStatusView;
  unshared: ConnectionView[];
  share: Action<[name?: string], void>;
}) {
  return (
    <Stack gap="xs" data-testid="settings-share">
      <Title order={4} size="h5">
        Share with the command line
      </Title>
      {unshared.length === 0 ? (
        <Text size="sm">
          Every connection here can also be used by the token-desk command line.
        </Text>
      ) : (
        <>
          <Text size="sm">
            {unshared.length === 1 ? '1 connection is' : `${unshared.length} connections are`}{' '}
            protected for this app only: the token-desk command line cannot use{' '}
            {unshared.length === 1 ? 'it' : 'them'}. Sharing protects{' '}
            {unshared.length === 1 ? 'it' : 'them'} with your computer’s password store instead,
            which both can read.
          </Text>
          {!status.canShareWithCli && (
            <Text size="sm" c="orange" data-testid="settings-share-unavailable">
              {status.choices.find((c) => c.id === 'keyring')?.reason ??
                'Your computer’s password store cannot be reached, so connections cannot be shared now.'}
            </Text>
          )}
          <Table withTableBorder>
            <Table.Tbody>
              {unshared.slice(0, SHARE_LISTED).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td w={1}>
                    <Button
                      size="xs"
                      variant="light"
                      disabled={!status.canShareWithCli}
                      loading={share.running}
                      onClick={() => void share.run(c.name)}
                      aria-label={`Share ${c.name} with the command line`}
                      data-testid={`settings-share-${c.name}`}
                    >
                      Share
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {unshared.length > SHARE_LISTED && (
            <Text size="sm" c="dimmed">
              and {unshared.length - SHARE_LISTED} more
            </Text>
          )}
          <div>
            <Button
              variant="default"
              disabled={!status.canShareWithCli}
              loading={share.running}
              onClick={() => void share.run()}
              data-testid="settings-share-all"
            >
              Share all with the command line
            </Button>
          </div>
        </>
      )}
    </Stack>
  );
}
