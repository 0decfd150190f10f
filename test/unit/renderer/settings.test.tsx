import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeRpc, makeConnection } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

describe('settings', () => {
  it('shows which cipher protects the secrets, and saves each setting', async () => {
    const { user, fake } = await renderApp({
      cipher: {
        id: 'passphrase',
        description: 'A passphrase you type (scrypt + AES-256-GCM)',
        secure: false,
        warning:
          'No system keychain was found: anyone who learns the passphrase can read the secrets.',
      },
    });
    await user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    expectEveryFieldLabelled();
    expect(screen.getByTestId('settings-cipher')).toHaveTextContent(
      'A passphrase you type (scrypt + AES-256-GCM)',
    );
    expect(screen.getByTestId('settings-cipher-secure')).toHaveTextContent('Weaker protection');
    expect(screen.getByTestId('settings-cipher-warning')).toHaveTextContent(
      'No system keychain was found',
    );

    await user.click(screen.getByLabelText('Dark'));
    expect(await screen.findByText('Theme saved.')).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark');

    await user.click(screen.getByLabelText(/Refresh access tokens automatically/));
    await screen.findByText('Automatic refresh saved.');

    const seconds = screen.getByLabelText('Clear the clipboard after (seconds)');
    await user.clear(seconds);
    await user.type(seconds, '45{Enter}');
    await screen.findByText('Clipboard delay saved.');
    expect(fake.callsOf('settings.set')).toEqual([
      { theme: 'dark' },
      { autoRefresh: false },
      { clipboardClearSeconds: 45 },
    ]);
    expect(fake.settings).toMatchObject({
      theme: 'dark',
      autoRefresh: false,
      clipboardClearSeconds: 45,
    });
  });

  it('offers "keep running in the tray" in the desktop app, shows its value and saves it', async () => {
    const { user, fake } = await renderApp({ settings: { keepInTray: true } });
    await user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    expectEveryFieldLabelled();
    const keep = screen.getByLabelText(/Keep running in the tray when the window is closed/);
    expect(keep).toBeChecked();
    expect(screen.getByTestId('settings')).toHaveTextContent('closing the window quits');
    await user.click(keep);
    await screen.findByText('Tray setting saved.');
    expect(fake.callsOf('settings.set')).toEqual([{ keepInTray: false }]);
    expect(fake.settings.keepInTray).toBe(false);
    expect(keep).not.toBeChecked();
  });

  it('has no tray setting in the browser mode (there is no tray)', async () => {
    const { user } = await renderApp({ shell: 'browser' });
    await user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    expect(screen.queryByTestId('settings-keep-in-tray')).toBeNull();
    expect(screen.queryByLabelText(/Keep running in the tray/)).toBeNull();
  });

  it('keeps the request history or not, says what it keeps, and clears it', async () => {
    const { user, fake } = await renderApp();
    const entry = (id: string) => ({
      id,
      connection: 'acme',
      at: 1,
      request: { method: 'GET' as const, pathOrUrl: '/crm/v8/org', query: [], headers: [] },
      status: 200,
    });
    fake.history = [entry('a'), entry('b')];
    await user.click(screen.getByTestId('open-settings'));
    const section = await screen.findByTestId('settings-history');
    expectEveryFieldLabelled(section);
    expect(section).toHaveTextContent('query, headers, body');
    expect(section).toHaveTextContent(
      'Access tokens and the Authorization and Cookie headers are never kept',
    );

    const keep = within(section).getByLabelText(/Keep the requests I send/);
    expect(keep).toBeChecked();
    await user.click(keep);
    expect(await within(section).findByText(/Request history is off/)).toBeInTheDocument();
    expect(keep).not.toBeChecked();
    expect(fake.callsOf('settings.set')).toEqual([{ keepRequestHistory: false }]);
    expect(fake.settings.keepRequestHistory).toBe(false);

    await user.click(within(section).getByRole('button', { name: 'Clear history' }));
    expect(
      await within(section).findByText('Request history cleared: 2 requests removed.'),
    ).toBeInTheDocument();
    expect(fake.callsOf('requests.clearHistory')).toHaveLength(1);
    expect(fake.history).toEqual([]);
  });

  it('shows a start-up failure with its remedy and retries', async () => {
    const { render } = await import('@testing-library/react');
    const { App } = await import('../../../renderer/src/App.js');
    const { FakeRpc } = await import('./fake-rpc.js');
    const fake = new FakeRpc();
    fake.fail('settings.get', {
      code: 'store_damaged',
      message: 'The settings file is damaged.',
      remedy: 'Token Desk kept a copy; restart to use defaults.',
    });
    render(<App client={fake} env="test" />);
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'The settings file is damaged.',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent('restart to use defaults');
    fake.succeed('settings.get');
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByTestId('empty-state')).toBeInTheDocument();
  });
});

describe('settings: how the secrets are protected', () => {
  async function openSettings(fake: FakeRpc) {
    const rendered = await renderApp({ fake });
    await rendered.user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    return rendered;
  }

  it('chooses the cipher for new connections within what is available, and sets up the passphrase when chosen', async () => {
    const fake = new FakeRpc();
    fake.vault.choices = fake.vault.choices.map((c) =>
      c.id === 'keyring'
        ? { ...c, available: false, reason: 'The OS keyring is not available (no session bus).' }
        : c,
    );
    const { user } = await openSettings(fake);
    const choice = screen.getByTestId('settings-cipher-choice');
    const appOnly = within(choice).getByLabelText('This app only (Electron safeStorage)');
    const keyring = within(choice).getByLabelText('Shared with the command line (OS keyring)');
    const passphrase = within(choice).getByLabelText('A passphrase you choose');
    expect(appOnly).toBeChecked();
    expect(keyring).toBeDisabled();
    expect(choice).toHaveTextContent('The OS keyring is not available (no session bus).');
    expect(screen.getByTestId('settings-cipher-secure')).toHaveTextContent(
      'Encrypted by your system',
    );

    await user.click(passphrase);
    // No passphrase yet: the form comes first, nothing is chosen until it is set.
    expect(fake.callsOf('vault.choose')).toEqual([]);
    const form = screen.getByTestId('settings-passphrase-form');
    expectEveryFieldLabelled(form);
    await user.type(within(form).getByLabelText(/New passphrase/), 'seven purple kites at dawn');
    await user.type(
      within(form).getByLabelText(/Type the passphrase again/),
      'seven purple kites at dawn{Enter}',
    );
    expect(
      await screen.findByText('Your passphrase now protects new connections.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('settings-cipher-secure')).toHaveTextContent(
      'Encrypted with your passphrase',
    );
    expect(within(choice).getByLabelText('A passphrase you choose')).toBeChecked();

    await user.click(within(choice).getByLabelText('This app only (Electron safeStorage)'));
    expect(
      await screen.findByText('New connections will be protected this way.'),
    ).toBeInTheDocument();
    expect(fake.callsOf('vault.choose')).toEqual([{ cipher: 'safestorage' }]);
    expect(within(choice).getByLabelText('This app only (Electron safeStorage)')).toBeChecked();
    expect(fake.protocolErrors).toEqual([]);
  });

  it('with TOKEN_DESK_PASSPHRASE set, says so and offers no choice', async () => {
    const fake = new FakeRpc({
      cipher: {
        id: 'passphrase',
        description: 'Passphrase (TOKEN_DESK_PASSPHRASE, scrypt + AES-256-GCM)',
        secure: true,
      },
    });
    fake.vault = {
      ...fake.vault,
      passphraseFromEnv: true,
      choices: fake.vault.choices.map((c) => ({ ...c, available: false })),
    };
    await openSettings(fake);
    const choice = screen.getByTestId('settings-cipher-choice');
    expect(choice).toHaveTextContent('TOKEN_DESK_PASSPHRASE is set');
    for (const radio of within(choice).getAllByRole('radio')) expect(radio).toBeDisabled();
  });

  it('shares one connection, then all, with the command line', async () => {
    const fake = new FakeRpc({
      connections: [
        makeConnection({ name: 'acme-crm' }),
        makeConnection({ name: 'globex' }),
        makeConnection({ name: 'initech' }),
      ],
    });
    fake.sealedWith.set('id-initech', ['keyring']);
    const { user } = await openSettings(fake);
    const share = screen.getByTestId('settings-share');
    expect(share).toHaveTextContent('2 connections are protected for this app only');
    expect(within(share).queryByText('initech')).not.toBeInTheDocument();

    await user.click(
      within(share).getByRole('button', { name: 'Share acme-crm with the command line' }),
    );
    expect(
      await screen.findByText('Shared 1 connection with the command line.'),
    ).toBeInTheDocument();
    expect(fake.callsOf('vault.shareWithCli')).toEqual([{ name: 'acme-crm' }]);
    expect(share).toHaveTextContent('1 connection is protected for this app only');
    expect(within(share).queryByText('acme-crm')).not.toBeInTheDocument();

    await user.click(within(share).getByTestId('settings-share-all'));
    expect(
      await screen.findByText('Shared 1 connection with the command line.'),
    ).toBeInTheDocument();
    expect(fake.callsOf('vault.shareWithCli')).toEqual([{ name: 'acme-crm' }, {}]);
    expect(
      await within(share).findByText(
        'Every connection here can also be used by the token-desk command line.',
      ),
    ).toBeInTheDocument();
  });

  it('cannot share while the OS keyring is unreachable, and says why', async () => {
    const fake = new FakeRpc({ connections: [makeConnection({ name: 'acme-crm' })] });
    fake.vault.canShareWithCli = false;
    fake.vault.choices = fake.vault.choices.map((c) =>
      c.id === 'keyring'
        ? { ...c, available: false, reason: 'The OS keyring is not available (locked collection).' }
        : c,
    );
    await openSettings(fake);
    expect(screen.getByTestId('settings-share-unavailable')).toHaveTextContent('locked collection');
    expect(screen.getByTestId('settings-share-acme-crm')).toBeDisabled();
    expect(screen.getByTestId('settings-share-all')).toBeDisabled();
  });

  it("in browser mode: the keyring or a passphrase, and no sharing (it is the command line's vault)", async () => {
    const fake = new FakeRpc({
      shell: 'browser',
      connections: [makeConnection({ name: 'acme-crm' })],
    });
    await openSettings(fake);
    const choice = screen.getByTestId('settings-cipher-choice');
    expect(
      within(choice)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['keyring', 'passphrase']);
    expect(screen.queryByTestId('settings-share')).not.toBeInTheDocument();
    // A browser may refuse to let the page read (and so clear) the clipboard: no flat promise.
    expect(
      screen.getByLabelText('Clear the clipboard after (seconds)'),
    ).toHaveAccessibleDescription(
      /if it is still there and your browser allows Token Desk to read the clipboard/,
    );
  });

  it('in the desktop app: the clipboard is cleared after the delay if it still holds the token', async () => {
    await openSettings(new FakeRpc({ connections: [makeConnection({ name: 'acme-crm' })] }));
    expect(
      screen.getByLabelText('Clear the clipboard after (seconds)'),
    ).toHaveAccessibleDescription(
      'A copied token is removed from the clipboard after this long, if it is still there. 0 keeps it.',
    );
  });
});
