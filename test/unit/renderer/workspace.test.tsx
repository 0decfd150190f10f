import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeConnection } from './fake-rpc.js';
import { renderApp } from './render-app.js';

describe('workspace', () => {
  it('explains Token Desk when there is no connection, and starts the wizard', async () => {
    const { user } = await renderApp();
    const empty = screen.getByTestId('empty-state');
    expect(within(empty).getByText(/gets a Zoho access token for you/)).toBeInTheDocument();
    await user.click(screen.getByTestId('empty-start'));
    expect(await screen.findByTestId('wizard')).toBeInTheDocument();
    expect(screen.getByLabelText(/Connection name/)).toHaveFocus();
  });

  it('groups connections by client org and filters them by search', async () => {
    const { user } = await renderApp({
      connections: [
        makeConnection({
          name: 'acme-crm-eu',
          org: 'Acme',
          dc: 'eu',
          user: { email: 'ops@acme.example' },
        }),
        makeConnection({ name: 'acme-books', org: 'Acme', environment: 'sandbox' }),
        makeConnection({ name: 'globex-crm', org: 'Globex', dc: 'in' }),
        makeConnection({ name: 'my-own', status: 'needs-reauth' }),
      ],
    });
    const acme = screen.getByRole('group', { name: 'Acme' });
    expect(within(acme).getByTestId('connection-item-acme-crm-eu')).toBeInTheDocument();
    expect(within(acme).getByTestId('connection-item-acme-books')).toHaveTextContent('Sandbox');
    expect(within(acme).queryByTestId('connection-item-globex-crm')).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Globex' })).getByTestId(
        'connection-item-globex-crm',
      ),
    ).toHaveTextContent('IN');
    expect(
      within(screen.getByRole('group', { name: 'Other connections' })).getByTestId(
        'connection-item-my-own',
      ),
    ).toHaveTextContent('Re-authorize needed');
    expect(screen.getByTestId('connection-item-acme-crm-eu')).toHaveTextContent('ops@acme.example');

    await user.type(screen.getByLabelText('Search connections'), 'globex');
    expect(screen.queryByTestId('connection-item-acme-crm-eu')).not.toBeInTheDocument();
    expect(screen.getByTestId('connection-item-globex-crm')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Search connections'));
    await user.type(screen.getByLabelText('Search connections'), 'ops@acme');
    expect(screen.getByTestId('connection-item-acme-crm-eu')).toBeInTheDocument();
    expect(screen.queryByTestId('connection-item-acme-books')).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText('Search connections'));
    await user.type(screen.getByLabelText('Search connections'), 'nothing-like-this');
    expect(screen.getByText(/No connection matches/)).toBeInTheDocument();
  });

  it('counts down the access token expiry live, from the injected clock', async () => {
    const { clock } = await renderApp({
      connections: [
        makeConnection({ name: 'acme', accessTokenExpiresAt: Date.UTC(2025, 2, 1, 10, 1, 30) }),
        makeConnection({ name: 'fresh', accessTokenExpiresAt: undefined }),
      ],
    });
    const item = screen.getByTestId('connection-item-acme');
    expect(item).toHaveTextContent('expires in 1:30');
    clock.advance(30_000);
    expect(item).toHaveTextContent('expires in 1:00');
    clock.advance(61_000);
    expect(item).toHaveTextContent('expired 1 s ago');
    expect(screen.getByTestId('connection-item-fresh')).toHaveTextContent('no access token yet');
  });
});
