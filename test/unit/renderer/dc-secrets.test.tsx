// A Multi-DC server-based client's secret for another data centre, from the connection's Details
// tab (the window's side of `token-desk secret`): labelled fields, field errors that name what is
// missing, the secret sent once and never shown again, and no such card for a Self Client.

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeConnection } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

const server = makeConnection({
  name: 'acme-web',
  dc: 'us',
  clientType: 'server',
  redirectUri: 'http://localhost:53134/callback',
});
const self = makeConnection({ name: 'acme-self', dc: 'eu', clientType: 'self' });

async function openDetails(name: string) {
  const app = await renderApp({ connections: [server, self] });
  await app.user.click(screen.getByTestId(`connection-item-${name}`));
  await screen.findByTestId('connection-page');
  await app.user.click(screen.getByTestId('tab-details'));
  await screen.findByTestId('connection-details');
  return app;
}

describe('secrets for other data centres (Multi-DC)', () => {
  it('saves the EU secret of a server-based client and lists EU as saved, without showing the secret again', async () => {
    const { user, fake } = await openDetails('acme-web');
    const stored = screen.getByTestId('dc-secrets-stored');
    expect(stored).toHaveTextContent('no other data centre yet');
    expectEveryFieldLabelled(screen.getByTestId('connection-page'));

    // Save with nothing filled in: the error names the data centre, nothing is sent.
    await user.click(screen.getByTestId('dc-secret-save'));
    expect(screen.getByText('Choose the data centre this secret is for.')).toBeVisible();
    expect(fake.callsOf('connections.setDcSecret')).toEqual([]);

    // The connection's own data centre (US) uses its client secret: not offered.
    await user.click(screen.getByTestId('dc-secret-dc'));
    expect(screen.queryByRole('option', { name: /United States/ })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: /Europe/ }));
    expect(
      screen.queryByText('Choose the data centre this secret is for.'),
    ).not.toBeInTheDocument();

    await user.click(screen.getByTestId('dc-secret-save'));
    expect(
      screen.getByText('Paste the client secret the API Console shows for that data centre.'),
    ).toBeVisible();
    expect(fake.callsOf('connections.setDcSecret')).toEqual([]);

    const field = screen.getByLabelText('Client secret for that data centre');
    await user.type(field, 'eu-secret-123');
    await user.click(screen.getByTestId('dc-secret-save'));
    expect(await screen.findByTestId('dc-secret-saved')).toHaveTextContent(
      'Saved the client secret for EU.',
    );
    expect(fake.callsOf('connections.setDcSecret')).toEqual([
      { name: 'acme-web', dc: 'eu', clientSecret: 'eu-secret-123' },
    ]);
    expect(field).toHaveValue('');
    expect(within(stored).getByText('EU')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('eu-secret-123');
  });

  it('is not offered for a Self Client, which lives in one data centre', async () => {
    await openDetails('acme-self');
    expect(screen.queryByTestId('dc-secret-save')).not.toBeInTheDocument();
  });
});
