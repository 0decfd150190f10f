import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionView } from '../../../main/rpc/contract.js';
import { T0, makeConnection } from './fake-rpc.js';
import { TestClock, renderApp } from './render-app.js';

/** 500 connections over 40 orgs, as in bench/run.ts; every other one authorized. */
function manyConnections(count = 500): ConnectionView[] {
  return Array.from({ length: count }, (_, i) =>
    makeConnection({
      name: `client-${String(i).padStart(3, '0')}`,
      org: `Org ${i % 40}`,
      dc: (['us', 'eu', 'in'] as const)[i % 3],
      ...(i % 2 ? { status: 'new', accessTokenExpiresAt: undefined } : {}),
    }),
  );
}

/** The number in "Org 12" or "client-007". */
const numberIn = (text: string) => Number(/(\d+)$/.exec(text)![1]);

/**
 * Sidebar order of manyConnections(): orgs in natural order (Org 2 before Org 10), then
 * connections by the number in their names.
 */
function sidebarOrder(connections: ConnectionView[]): string[] {
  return [...connections]
    .sort((a, b) => numberIn(a.org!) - numberIn(b.org!) || numberIn(a.name) - numberIn(b.name))
    .map((c) => c.name);
}

/** Accessible names of the sidebar's org groups, top to bottom (those rendered). */
const groupNames = () =>
  [...document.querySelectorAll('nav[aria-label="Connections"] [role="group"]')].map((g) =>
    g.getAttribute('aria-label'),
  );

const renderedItems = () => document.querySelectorAll('[data-testid^="connection-item-"]');

/**
 * jsdom lays nothing out and cannot scroll: give the sidebar's scrolling viewport a content height
 * (the windowed list's total size) and a scrollTo that scrolls and, as a browser does, reports it
 * on the next frame. (Without layout the list sizes itself to the window and its rows' estimates.)
 */
function fakeScrolling() {
  vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockImplementation(function (this: Element) {
    const list = this.querySelector<HTMLElement>('nav[aria-label="Connections"] > div');
    return (list && Number.parseFloat(list.style.height)) || 0;
  });
  const proto = Element.prototype as { scrollTo?: unknown };
  const original = proto.scrollTo;
  proto.scrollTo = function (this: Element, options: ScrollToOptions) {
    if (options.top !== undefined) this.scrollTop = options.top;
    requestAnimationFrame(() => this.dispatchEvent(new Event('scroll')));
  };
  restoreLayout.push(() => {
    proto.scrollTo = original;
  });
}
const restoreLayout: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  restoreLayout.splice(0).forEach((restore) => restore());
});

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

  it('orders orgs and names naturally: Org 2 before Org 10, client-9 before client-10', async () => {
    await renderApp({
      connections: [
        makeConnection({ name: 'client-10', org: 'Org 10' }),
        makeConnection({ name: 'client-9', org: 'Org 10' }),
        makeConnection({ name: 'Client-2', org: 'Org 10' }),
        makeConnection({ name: 'beta', org: 'org 2' }),
        makeConnection({ name: 'alpha', org: 'Org 1' }),
        makeConnection({ name: 'mine-10' }),
        makeConnection({ name: 'mine-9' }),
      ],
    });
    expect(groupNames()).toEqual(['Org 1', 'org 2', 'Org 10', 'Other connections']);
    const inGroup = (org: string) =>
      within(screen.getByRole('group', { name: org }))
        .getAllByTestId(/^connection-item-/)
        .map((e) => e.dataset.testid!.replace('connection-item-', ''));
    expect(inGroup('Org 10')).toEqual(['Client-2', 'client-9', 'client-10']);
    expect(inGroup('Other connections')).toEqual(['mine-9', 'mine-10']);
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

  it('reaches and opens every connection of a short list with the keyboard', async () => {
    const { user } = await renderApp({
      connections: [
        makeConnection({ name: 'acme-books', org: 'Acme' }),
        makeConnection({ name: 'acme-crm', org: 'Acme' }),
        makeConnection({ name: 'globex-crm', org: 'Globex' }),
      ],
    });
    await user.click(screen.getByLabelText('Search connections'));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('connection-item-acme-books')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('connection-item-acme-crm')).toHaveFocus();
    await user.tab();
    expect(screen.getByTestId('connection-item-globex-crm')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByTestId('connection-item-acme-books')).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByTestId('connection-item-globex-crm')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('connection-page')).toBeInTheDocument();
    expect(screen.getByTestId('connection-item-globex-crm')).toHaveAttribute(
      'aria-current',
      'page',
    );
    await user.keyboard('{Home}{ArrowUp}');
    expect(screen.getByLabelText('Search connections')).toHaveFocus();
  });

  it('renders 500 connections windowed: the first rows at once, the 500th by search', async () => {
    const connections = manyConnections();
    const order = sidebarOrder(connections);
    const { user } = await renderApp({ connections });

    const first = screen.getByTestId(`connection-item-${order[0]}`);
    expect(
      within(screen.getByRole('group', { name: 'Org 0' })).getByTestId(first.dataset.testid!),
    ).toBeInTheDocument();
    expect(screen.getByTestId(`connection-item-${order[1]}`)).toBeInTheDocument();
    expect(renderedItems().length).toBeGreaterThan(1);
    expect(renderedItems().length).toBeLessThan(50);
    expect(screen.queryByTestId('connection-item-client-499')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Search connections'), 'client-499');
    expect(renderedItems()).toHaveLength(1);
    await user.click(screen.getByTestId('connection-item-client-499'));
    expect(await screen.findByTestId('connection-page')).toBeInTheDocument();
    expect(screen.getByTestId('connection-item-client-499')).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByTestId('connection-item-client-499')).toHaveTextContent(
      'Not authorized yet',
    );
  });

  it('walks a windowed list with the keyboard, past the rows rendered so far', async () => {
    fakeScrolling();
    const connections = manyConnections();
    const order = sidebarOrder(connections);
    const { user } = await renderApp({ connections });
    const item = (name: string) => screen.getByTestId(`connection-item-${name}`);
    const last = order[order.length - 1]!;
    expect(screen.queryByTestId(`connection-item-${last}`)).not.toBeInTheDocument();

    await user.click(screen.getByLabelText('Search connections'));
    await user.keyboard('{ArrowDown}');
    expect(item(order[0]!)).toHaveFocus();

    // End scrolls the last connection in and focuses it.
    await user.keyboard('{End}');
    await waitFor(() => expect(item(last)).toHaveFocus());
    expect(
      within(screen.getByRole('group', { name: 'Org 39' })).getByTestId(`connection-item-${last}`),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowUp}');
    expect(item(order[order.length - 2]!)).toHaveFocus();

    // Tab from the last rendered connection goes on to the next one, rendered on demand.
    await user.keyboard('{Home}');
    await waitFor(() => expect(item(order[0]!)).toHaveFocus());
    const rendered = [...renderedItems()].map((e) => e.getAttribute('data-testid'));
    const edge = order.findIndex((name) => !rendered.includes(`connection-item-${name}`)) - 1;
    expect(edge).toBeGreaterThan(0);
    item(order[edge]!).focus();
    await user.tab();
    await waitFor(() => expect(item(order[edge + 1]!)).toHaveFocus());
    await user.tab({ shift: true });
    expect(item(order[edge]!)).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('connection-page')).toBeInTheDocument();
    expect(item(order[edge]!)).toHaveAttribute('aria-current', 'page');
  });

  it('keeps natural order in a windowed list: the keyboard walks Org 2 before Org 10, client-9 before client-10', async () => {
    fakeScrolling();
    // Unpadded numbers, as people name things: text order would put Org 10 right after Org 1,
    // and client-120 before client-60.
    const connections = Array.from({ length: 240 }, (_, i) =>
      makeConnection({ name: `client-${i}`, org: `Org ${i % 60}` }),
    );
    const { user } = await renderApp({ connections });
    expect(renderedItems().length).toBeLessThan(50);
    expect(groupNames().slice(0, 3)).toEqual(['Org 0', 'Org 1', 'Org 2']);
    const inOrg0 = within(screen.getByRole('group', { name: 'Org 0' }))
      .getAllByTestId(/^connection-item-/)
      .map((e) => e.dataset.testid);
    expect(inOrg0).toEqual([0, 60, 120, 180].map((n) => `connection-item-client-${n}`));

    await user.click(screen.getByLabelText('Search connections'));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('connection-item-client-0')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('connection-item-client-60')).toHaveFocus();
    await user.keyboard('{End}');
    await waitFor(() => expect(screen.getByTestId('connection-item-client-239')).toHaveFocus());
    expect(
      within(screen.getByRole('group', { name: 'Org 59' })).getByTestId(
        'connection-item-client-239',
      ),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByTestId('connection-item-client-179')).toHaveFocus();
  });

  it('brings the selected connection into a windowed list', async () => {
    fakeScrolling();
    const connections = manyConnections();
    const order = sidebarOrder(connections);
    const far = order[order.length - 3]!;
    await renderApp({
      connections,
      initialView: { kind: 'connection', id: `id-${far}`, tab: 'token' },
    });
    expect(await screen.findByTestId(`connection-item-${far}`)).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('counts down only the rendered rows of a long list, all from the one clock', async () => {
    const connections = manyConnections();
    connections[0] = { ...connections[0]!, accessTokenExpiresAt: T0 + 90_000 };
    const subscribe = vi.spyOn(TestClock.prototype, 'subscribe');
    const { clock } = await renderApp({ connections });
    const first = screen.getByTestId('connection-item-client-000');
    expect(first).toHaveTextContent('expires in 1:30');
    // One subscription per rendered countdown, not one per authorized connection (250).
    expect(subscribe.mock.calls.length).toBeGreaterThan(0);
    expect(subscribe.mock.calls.length).toBeLessThan(50);
    clock.advance(1000);
    expect(first).toHaveTextContent('expires in 1:29');
  });

  it('lists the connections needing attention by urgency, then by name as the sidebar does', async () => {
    await renderApp({
      connections: [
        makeConnection({ name: 'client-10', status: 'new', accessTokenExpiresAt: undefined }),
        makeConnection({ name: 'zeta', status: 'needs-reauth' }),
        makeConnection({ name: 'client-9', status: 'new', accessTokenExpiresAt: undefined }),
        makeConnection({ name: 'ready-one' }),
      ],
    });
    const overview = screen.getByTestId('overview');
    const rows = within(overview)
      .getAllByRole('button', { name: 'Open' })
      .map((button) => button.closest('div')!.textContent);
    expect(rows.map((text) => text!.split(':')[0])).toEqual(['zeta', 'client-9', 'client-10']);
  });

  it('lists the first ten connections needing attention in the overview, the rest on request', async () => {
    const { user } = await renderApp({ connections: manyConnections(24) });
    const overview = screen.getByTestId('overview');
    expect(within(overview).getAllByRole('button', { name: 'Open' })).toHaveLength(10);
    expect(within(overview).getByText('and 2 more')).toBeInTheDocument();
    await user.click(within(overview).getByRole('button', { name: 'Show all 12' }));
    expect(within(overview).getAllByRole('button', { name: 'Open' })).toHaveLength(12);
    await user.click(within(overview).getAllByRole('button', { name: 'Open' })[11]!);
    expect(await screen.findByTestId('connection-page')).toBeInTheDocument();
    expect(screen.getByTestId('connection-item-client-023')).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
