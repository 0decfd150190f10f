// What the window says about things the core reports beside an operation: a connection notice
// (Token Desk ignored an api_domain that is not a Zoho API host) and the store files kept aside
// because they were not valid JSON (a banner while the backups exist).
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CorruptBackupNoticeView } from '../../../main/rpc/contract.js';
import { FakeRpc, makeConnection } from './fake-rpc.js';
import { renderApp } from './render-app.js';

const CONNECTIONS_BACKUP: CorruptBackupNoticeView = {
  file: 'connections',
  backup: '/home/test/.token-desk/connections.corrupt-2025-03-01T10-00-00-000Z.json',
  olderBackups: 0,
  message:
    'An earlier connections.json was not valid JSON, so Token Desk kept it aside as a backup file; the connections saved in it are not shown here.',
  remedy:
    'To get them back, quit Token Desk, repair that file and move it back to connections.json (connections added since then are in the current connections.json: keep a copy of it). Once the backup is moved or deleted, this notice goes away.',
};

describe('connection notices', () => {
  it('shows a notice main sends about a connection until it is dismissed, on any screen', async () => {
    const { fake, user } = await renderApp({ connections: [makeConnection({ name: 'acme' })] });
    const message =
      'The token answer for "acme" named https://evil.example as its API domain, which is not a Zoho API host or this connection\'s own server. Token Desk ignored it and keeps sending requests to https://www.zohoapis.com.';
    act(() =>
      fake.emit('connections.notice', {
        connection: 'acme',
        code: 'untrusted_api_domain',
        message,
      }),
    );
    const notice = await screen.findByTestId('notice-connection-notice:acme:untrusted_api_domain');
    expect(notice).toHaveTextContent('acme: API domain not changed');
    expect(notice).toHaveTextContent(message);
    await user.click(screen.getByTestId('connection-item-acme'));
    expect(notice).toBeInTheDocument();
    // The same notice again replaces it instead of stacking up.
    act(() =>
      fake.emit('connections.notice', {
        connection: 'acme',
        code: 'untrusted_api_domain',
        message,
      }),
    );
    expect(screen.getAllByText(message)).toHaveLength(1);
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(
      screen.queryByTestId('notice-connection-notice:acme:untrusted_api_domain'),
    ).not.toBeInTheDocument();
  });
});

describe('corrupt store backups', () => {
  it('shows a banner naming the backup and what to do while it exists, and drops it once it is gone', async () => {
    const fake = new FakeRpc();
    fake.corruptBackups = [CONNECTIONS_BACKUP];
    await renderApp({ fake });
    const banner = screen.getByTestId('corrupt-backup-connections');
    expect(banner).toHaveTextContent('Some connections could not be read');
    expect(banner).toHaveTextContent(CONNECTIONS_BACKUP.message);
    expect(banner).toHaveTextContent(CONNECTIONS_BACKUP.remedy);
    expect(banner).toHaveTextContent(CONNECTIONS_BACKUP.backup);
    // Shown with the empty state too: that is when it explains the most.
    expect(screen.getByTestId('empty-state')).toBeInTheDocument();

    // The user repaired or deleted it and comes back to the window.
    fake.corruptBackups = [];
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(screen.queryByTestId('corrupt-backup-connections')).not.toBeInTheDocument();
  });

  it('appears after a reload of the list moved a corrupt file aside', async () => {
    const { fake } = await renderApp({ connections: [makeConnection({ name: 'acme' })] });
    expect(screen.queryByTestId('corrupt-backup-connections')).not.toBeInTheDocument();
    // Another program broke connections.json; the next read keeps it aside and finds nothing.
    fake.connections = [];
    fake.corruptBackups = [CONNECTIONS_BACKUP, { ...CONNECTIONS_BACKUP, file: 'vault' }];
    act(() => fake.emit('connections.changed', {}));
    expect(await screen.findByTestId('corrupt-backup-connections')).toBeInTheDocument();
    expect(screen.getByTestId('corrupt-backup-vault')).toHaveTextContent(
      'Some saved secrets could not be read',
    );
    const calls = fake.methodsCalled();
    expect(calls.lastIndexOf('store.corruptBackups')).toBeGreaterThan(
      calls.lastIndexOf('connections.list'),
    );
  });

  it('still opens the workspace when the backups cannot be looked up', async () => {
    const fake = new FakeRpc();
    fake.fail('store.corruptBackups', { code: 'unexpected', message: 'x', remedy: 'y' });
    await renderApp({ fake });
    expect(screen.getByTestId('empty-state')).toBeInTheDocument();
  });
});
