import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
