// One plain wording (issue 10, item 6): the grant code's lifetime as the console offers it and a
// countdown that stops once Zoho refused the code; the catalog's unconfirmed scopes as a quiet
// "?" explained on hover and keyboard focus; Settings' security section in plain words, with the
// technical line only as a detail, and no "not available" for the passphrase that is in use.

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeRpc } from './fake-rpc.js';
import { renderApp } from './render-app.js';

/** The client step filled in; a Self Client goes on to its grant code, the others to the scopes. */
async function pastClient(type: 'self' | 'server') {
  const app = await renderApp();
  const { user } = app;
  await user.click(screen.getByTestId('empty-start'));
  if (type === 'server') await user.click(await screen.findByTestId('wizard-type-server'));
  await user.type(await screen.findByLabelText(/Connection name/), 'acme');
  await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
  await user.type(screen.getByLabelText(/Client secret/), 'secret');
  await user.click(screen.getByTestId('wizard-next'));
  return app;
}

describe('plain wording', () => {
  it('gives the code 3 to 10 minutes, and stops its countdown once Zoho refused it', async () => {
    const { user } = await pastClient('self');
    const code = await screen.findByTestId('wizard-code');
    expect(screen.getByText(/3 to 10 minutes/)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/about 2 minutes/);

    await user.type(code, '1000.expired.code');
    expect(screen.getByTestId('wizard-code-countdown')).toHaveTextContent(
      'expires in at most 3:00',
    );
    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByText(/Zoho refused the grant code/);
    expect(screen.queryByTestId('wizard-code-countdown')).not.toBeInTheDocument();

    // A new code starts a new countdown.
    await user.clear(code);
    await user.type(code, '1000.fresh.code');
    expect(screen.getByTestId('wizard-code-countdown')).toHaveTextContent('expires in at most');
  });

  it('marks unconfirmed scopes with a quiet ? explained on hover and focus', async () => {
    const { user } = await pastClient('server');
    await screen.findByLabelText(/Type or paste scopes/);
    await user.click(await screen.findByTestId('catalog-product-crm'));
    const marker = await screen.findByTestId('unconfirmed-marker');
    expect(marker).toHaveTextContent('?');
    expect(marker).toHaveAccessibleName('Not confirmed by Zoho’s docs');
    expect(document.body).not.toHaveTextContent('(not confirmed by Zoho’s docs)');
    // Reached by keyboard, it explains itself.
    marker.focus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Not confirmed by Zoho’s docs: seen in third-party code, or assumed.',
    );
  });

  it('says in Settings what protects the secrets in plain words, the technical line as a detail', async () => {
    const fake = new FakeRpc({
      cipher: {
        id: 'passphrase',
        description: 'Passphrase (TOKEN_DESK_PASSPHRASE, scrypt + AES-256-GCM)',
        secure: true,
      },
    });
    fake.vault = {
      ...fake.vault,
      primary: 'passphrase',
      passphraseFromEnv: true,
      choices: fake.vault.choices.map((c) => ({ ...c, available: false })),
    };
    const { user } = await renderApp({ fake });
    await user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    const cipher = screen.getByTestId('settings-cipher');
    expect(cipher).toHaveTextContent(
      'Your client secrets and tokens are encrypted with a passphrase you choose.',
    );
    // The technical line is there only behind "Technical details", closed.
    const details = cipher.querySelector('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('Technical details')).toBeInTheDocument();
    expect(details).toHaveTextContent('scrypt + AES-256-GCM');

    // The passphrase in use is not called unavailable.
    const passphrase = within(
      screen
        .getByTestId('settings-cipher-choice-passphrase')
        .closest('.mantine-Radio-root') as HTMLElement,
    );
    expect(passphrase.getByText('In use for this run.')).toBeInTheDocument();
    expect(screen.getByTestId('settings-cipher-choice')).not.toHaveTextContent(
      'Not available here',
    );
  });
});
