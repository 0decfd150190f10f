import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_PASSPHRASE, FakeRpc, makeConnection } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

const BASIC_TEXT = {
  id: 'safestorage',
  description: 'OS encryption (Electron safeStorage, basic_text)',
  secure: false,
  warning:
    'This system offers Token Desk no keyring: Electron would fall back to "basic_text", a fixed key that anyone can read, so Token Desk does not store client secrets or tokens.',
};
const NEW_PASSPHRASE = 'seven purple kites at dawn';

describe('the cipher banner and the passphrase form', () => {
  it('says in the workspace that secrets cannot be protected, and sets up a passphrase from the keyboard', async () => {
    const { user, fake } = await renderApp({ cipher: BASIC_TEXT });
    const banner = screen.getByTestId('cipher-banner-workspace');
    expect(banner).toHaveTextContent('Token Desk cannot protect secrets on this computer yet');
    expect(banner).toHaveTextContent('fixed key that anyone can read');

    await user.click(
      within(banner).getByRole('button', { name: 'Protect secrets with a passphrase' }),
    );
    expectEveryFieldLabelled(banner);
    const first = within(banner).getByLabelText(/New passphrase/);
    const second = within(banner).getByLabelText(/Type the passphrase again/);
    expect(first).toHaveAttribute('type', 'password');
    expect(first).toHaveAttribute('autocomplete', 'new-password');

    // Too short: said next to the field, and nothing is sent.
    await user.type(first, 'short');
    await user.type(second, 'short{Enter}');
    expect(
      within(banner).getByText('Use at least 10 characters (this one has 5).'),
    ).toBeInTheDocument();
    expect(first).toHaveFocus();
    expect(fake.callsOf('vault.createPassphrase')).toEqual([]);

    // Not the same twice.
    await user.clear(first);
    await user.type(first, NEW_PASSPHRASE);
    await user.clear(second);
    await user.type(second, `${NEW_PASSPHRASE}!{Enter}`);
    expect(
      within(banner).getByText('The two passphrases are not the same. Type it again.'),
    ).toBeInTheDocument();
    expect(second).toHaveFocus();
    expect(fake.callsOf('vault.createPassphrase')).toEqual([]);

    // Show/hide: one focusable toggle shows both fields.
    const show = within(banner).getAllByRole('button', { name: 'Show passphrase' })[0]!;
    expect(show).not.toHaveAttribute('tabindex', '-1');
    await user.click(show);
    expect(first).toHaveAttribute('type', 'text');
    expect(second).toHaveAttribute('type', 'text');
    await user.click(within(banner).getAllByRole('button', { name: 'Hide passphrase' })[0]!);
    expect(first).toHaveAttribute('type', 'password');

    await user.clear(second);
    await user.type(second, `${NEW_PASSPHRASE}{Enter}`);
    expect(await screen.findByTestId('cipher-banner-done-workspace')).toHaveTextContent(
      'Your secrets are protected with your passphrase',
    );
    expect(fake.callsOf('vault.createPassphrase')).toEqual([{ passphrase: NEW_PASSPHRASE }]);
    expect(screen.queryByTestId('cipher-banner-workspace')).not.toBeInTheDocument();
    // The passphrase is gone from the page.
    expect(document.body.innerHTML).not.toContain(NEW_PASSPHRASE);
    expect(fake.protocolErrors).toEqual([]);
  });

  it('shows the offer at the start of the wizard, before any step is filled, and the wizard goes on after it', async () => {
    const { user } = await renderApp({ cipher: BASIC_TEXT });
    await user.click(screen.getByTestId('new-connection'));
    const wizard = await screen.findByTestId('wizard');
    const banner = within(wizard).getByTestId('cipher-banner-wizard');
    expect(banner).toHaveTextContent('Token Desk cannot store this connection’s secrets yet');
    expect(screen.queryByTestId('cipher-banner-workspace')).not.toBeInTheDocument();
    // It comes before the first step's fields.
    const firstField = within(wizard).getAllByRole('textbox')[0]!;
    expect(
      banner.compareDocumentPosition(firstField) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    await user.click(within(banner).getByTestId('cipher-banner-wizard-protect'));
    await user.type(within(banner).getByLabelText(/New passphrase/), NEW_PASSPHRASE);
    await user.type(within(banner).getByLabelText(/Type the passphrase again/), NEW_PASSPHRASE);
    await user.click(within(banner).getByTestId('cipher-banner-wizard-passphrase-submit'));
    await screen.findByTestId('cipher-banner-done-wizard');
    expect(screen.queryByTestId('cipher-banner-wizard')).not.toBeInTheDocument();
    expect(screen.getByTestId('wizard-next')).toBeInTheDocument();
  });

  it('shows a refusal from main with its remedy and keeps the form', async () => {
    const { user, fake } = await renderApp({ cipher: BASIC_TEXT });
    fake.fail('vault.createPassphrase', {
      code: 'wrong_passphrase',
      message: 'That is not the passphrase your Token Desk secrets are protected with.',
      remedy: 'Check for typing mistakes and Caps Lock, then try again.',
    });
    await user.click(screen.getByTestId('cipher-banner-workspace-protect'));
    const banner = screen.getByTestId('cipher-banner-workspace');
    await user.type(within(banner).getByLabelText(/New passphrase/), NEW_PASSPHRASE);
    await user.type(
      within(banner).getByLabelText(/Type the passphrase again/),
      `${NEW_PASSPHRASE}{Enter}`,
    );
    expect(await within(banner).findByTestId('error-message')).toHaveTextContent(
      'That is not the passphrase',
    );
    expect(within(banner).getByTestId('error-remedy')).toHaveTextContent('Caps Lock');
    expect(
      within(banner).getByTestId('cipher-banner-workspace-passphrase-form'),
    ).toBeInTheDocument();
  });

  it('offers to unlock instead when a passphrase exists already', async () => {
    const fake = new FakeRpc({ cipher: BASIC_TEXT, vault: { passphrase: 'locked' } });
    const { user } = await renderApp({ fake });
    const banner = screen.getByTestId('cipher-banner-workspace');
    await user.click(within(banner).getByRole('button', { name: 'Unlock with your passphrase' }));
    await user.type(within(banner).getByLabelText(/^Passphrase/), `${FAKE_PASSPHRASE}{Enter}`);
    await screen.findByTestId('cipher-banner-done-workspace');
    expect(fake.callsOf('vault.unlock')).toEqual([{ passphrase: FAKE_PASSPHRASE }]);
    expect(fake.callsOf('vault.choose')).toEqual([{ cipher: 'passphrase' }]);
  });

  it('shows no banner when the secrets are protected', async () => {
    await renderApp();
    expect(screen.queryByTestId('cipher-banner-workspace')).not.toBeInTheDocument();
  });
});

describe('the unlock screen', () => {
  it('asks for the passphrase before the workspace; a wrong one is said plainly and can be retried', async () => {
    const fake = new FakeRpc({
      connections: [makeConnection({ name: 'acme-crm' })],
      vault: {
        primary: 'passphrase',
        description: 'Your passphrase (not entered yet)',
        locked: true,
        passphrase: 'locked',
      },
    });
    const { render } = await import('@testing-library/react');
    const userEvent = (await import('@testing-library/user-event')).default;
    const { App } = await import('../../../renderer/src/App.js');
    const user = userEvent.setup();
    render(<App client={fake} env="test" />);

    const lockScreen = await screen.findByTestId('unlock-screen');
    expect(lockScreen).toHaveTextContent('Token Desk is locked');
    expect(screen.queryByTestId('new-connection')).not.toBeInTheDocument();
    expect(screen.queryByText('acme-crm')).not.toBeInTheDocument();
    expectEveryFieldLabelled(lockScreen);
    const field = within(lockScreen).getByLabelText(/^Passphrase/);
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('autocomplete', 'current-password');

    await user.click(within(lockScreen).getByTestId('unlock-submit'));
    expect(within(lockScreen).getByText('Type your passphrase.')).toBeInTheDocument();
    expect(fake.callsOf('vault.unlock')).toEqual([]);

    await user.type(field, 'not it at all{Enter}');
    expect(await within(lockScreen).findByTestId('error-message')).toHaveTextContent(
      'That is not the passphrase your Token Desk secrets are protected with.',
    );
    expect(within(lockScreen).getByText('Token Desk is still locked')).toBeInTheDocument();
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();

    await user.type(field, `${FAKE_PASSPHRASE}{Enter}`);
    expect(await screen.findByTestId('new-connection')).toBeInTheDocument();
    expect(screen.queryByTestId('unlock-screen')).not.toBeInTheDocument();
    expect(fake.callsOf('vault.unlock')).toEqual([
      { passphrase: 'not it at all' },
      { passphrase: FAKE_PASSPHRASE },
    ]);
    expect(document.body.innerHTML).not.toContain(FAKE_PASSPHRASE);
  });

  it('asks for a new passphrase when the choice is recorded but the vault has none', async () => {
    const fake = new FakeRpc({
      vault: {
        primary: 'passphrase',
        description: 'Your passphrase',
        locked: true,
        passphrase: 'none',
      },
    });
    const { render } = await import('@testing-library/react');
    const { App } = await import('../../../renderer/src/App.js');
    render(<App client={fake} env="test" />);
    const lockScreen = await screen.findByTestId('unlock-screen');
    expect(lockScreen).toHaveTextContent('Choose your passphrase');
    expect(within(lockScreen).getByLabelText(/New passphrase/)).toBeInTheDocument();
  });

  it('still opens the workspace when vault.status fails', async () => {
    const fake = new FakeRpc();
    fake.fail('vault.status', { code: 'unexpected', message: 'x', remedy: 'y' });
    await renderApp({ fake });
    expect(screen.getByTestId('new-connection')).toBeInTheDocument();
    expect(screen.queryByTestId('cipher-banner-workspace')).not.toBeInTheDocument();
  });
});
