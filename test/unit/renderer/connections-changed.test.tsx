// The 'connections.changed' event: a row that changed is updated, a new one inserted, a removed
// one dropped, all without re-listing (which decrypts every access token in main); only an empty
// event re-reads the whole list.

import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyConnectionsChanged, withConnection } from '../../../renderer/src/app/app-state.js';
import { T0, makeConnection } from './fake-rpc.js';
import { renderApp } from './render-app.js';

const acme = makeConnection({ name: 'acme-crm' });
const books = makeConnection({ name: 'acme-books' });

describe('connections list updates', () => {
  it('replaces a known row in place, appends a new one, and keeps a newer row than the one sent', () => {
    const changed = { ...acme, status: 'needs-reauth' as const, updatedAt: T0 + 1 };
    expect(withConnection([acme, books], changed)).toEqual([changed, books]);
    expect(withConnection([acme], books)).toEqual([acme, books]);
    const list = [changed, books];
    expect(withConnection(list, acme)).toBe(list);
  });

  it('applies an event with a row or a removed id', () => {
    expect(applyConnectionsChanged([acme], { connection: books })).toEqual([acme, books]);
    expect(applyConnectionsChanged([acme, books], { removed: acme.id })).toEqual([books]);
    expect(applyConnectionsChanged([acme], { removed: 'unknown' })).toEqual([acme]);
  });

  it('updates, inserts and drops sidebar rows from the event without listing again', async () => {
    const { fake } = await renderApp({ connections: [acme] });
    const listsBefore = fake.callsOf('connections.list').length;

    act(() =>
      fake.emit('connections.changed', {
        connection: { ...acme, status: 'needs-reauth', updatedAt: T0 + 1 },
      }),
    );
    expect(await screen.findByTestId('connection-item-acme-crm')).toHaveTextContent(
      'Re-authorize needed',
    );

    act(() => fake.emit('connections.changed', { connection: books }));
    expect(await screen.findByTestId('connection-item-acme-books')).toBeInTheDocument();

    act(() => fake.emit('connections.changed', { removed: acme.id }));
    expect(screen.queryByTestId('connection-item-acme-crm')).not.toBeInTheDocument();
    expect(screen.getByTestId('connection-item-acme-books')).toBeInTheDocument();

    expect(fake.callsOf('connections.list')).toHaveLength(listsBefore);
  });

  it('re-lists on an empty event', async () => {
    const { fake } = await renderApp({ connections: [acme] });
    const listsBefore = fake.callsOf('connections.list').length;
    fake.connections = [acme, books];
    act(() => fake.emit('connections.changed', {}));
    expect(await screen.findByTestId('connection-item-acme-books')).toBeInTheDocument();
    expect(fake.callsOf('connections.list')).toHaveLength(listsBefore + 1);
  });
});
