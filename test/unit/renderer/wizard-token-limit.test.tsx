// The 21st-refresh-token warning in the new-connection wizard, before the connection exists: on
// the step whose button makes the token (a server-based client's Scopes step, where "Sign in with
// Zoho" starts; a Self Client's grant-code step), asked by client ID and data centre. A warning,
// not a stop; client credentials make no refresh token, so they are not warned.

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app.js';

const WARNING =
  'Token Desk has already had 20 refresh tokens made for client 1000.BUSY and ada@example.com. Zoho keeps 20 per user and client: this sign-in makes Zoho delete the oldest, which connection "acme" uses.';

async function pastClient(type: 'self' | 'server', clientId: string) {
  const app = await renderApp();
  const { user } = app;
  app.fake.refreshTokenWarningsByClient = { '1000.BUSY eu': WARNING };
  await user.click(screen.getByTestId('empty-start'));
  if (type === 'server') await user.click(await screen.findByTestId('wizard-type-server'));
  await user.type(await screen.findByLabelText(/Connection name/), 'acme-2');
  await user.selectOptions(screen.getByLabelText('Data centre'), 'eu');
  await user.type(screen.getByLabelText(/Client ID/), clientId);
  await user.type(screen.getByLabelText(/Client secret/), 'secret');
  await user.click(screen.getByTestId('wizard-next'));
  return app;
}

describe('the wizard warns before the 21st refresh token', () => {
  it('on the Scopes step of a server-based client, before "Sign in with Zoho", which still works', async () => {
    const { user, fake } = await pastClient('server', '1000.BUSY');
    await screen.findByLabelText(/Type or paste scopes/);
    expect(await screen.findByTestId('wizard-refresh-limit')).toHaveTextContent(WARNING);
    expect(fake.callsOf('connections.refreshTokenWarningForClient')).toContainEqual({
      clientId: '1000.BUSY',
      dc: 'eu',
    });
    // Nothing of the client's secret goes with the question.
    expect(JSON.stringify(fake.callsOf('connections.refreshTokenWarningForClient'))).not.toContain(
      'secret',
    );
    await user.type(screen.getByLabelText(/Type or paste scopes/), 'ZohoCRM.users.READ');
    await screen.findByText('ZohoCRM.users.READ', {
      selector: '[data-testid="wizard-scopes-chosen"] *',
    });
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-waiting');
    expect(fake.callsOf('connections.authorizeServer')).toHaveLength(1);
  });

  it('on a Self Client’s grant-code step', async () => {
    await pastClient('self', '1000.BUSY');
    await screen.findByTestId('wizard-code');
    expect(await screen.findByTestId('wizard-refresh-limit')).toHaveTextContent(WARNING);
  });

  it('says nothing for a client below the limit', async () => {
    const { fake } = await pastClient('self', '1000.CALM');
    await screen.findByTestId('wizard-code');
    expect(fake.callsOf('connections.refreshTokenWarningForClient')).toContainEqual({
      clientId: '1000.CALM',
      dc: 'eu',
    });
    expect(screen.queryByTestId('wizard-refresh-limit')).not.toBeInTheDocument();
  });
});
