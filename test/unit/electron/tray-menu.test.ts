import { describe, expect, it, vi } from 'vitest';
import {
  buildTrayTemplate,
  OPEN_LABEL,
  QUIT_LABEL,
  statusText,
  trayToolTip,
  type TrayMenuItem,
  type TrayState,
} from '../../../main/electron/tray-menu.js';
import {
  createTrayController,
  toMenuTemplate,
  type MenuTemplateItem,
  type TrayLike,
} from '../../../main/electron/tray.js';

const NOW = Date.UTC(2025, 2, 1, 10, 0, 0);
const MINUTE = 60_000;

const labels = (items: readonly TrayMenuItem[] | undefined) =>
  (items ?? []).map((item) => item.label ?? `<${item.type}>`);
const find = (items: readonly TrayMenuItem[], label: string) =>
  items.find((item) => item.label?.startsWith(label));

describe('tray menu template', () => {
  it('gives each ready connection Copy access token and Copy as header, then Open and Quit', () => {
    const template = buildTrayTemplate({
      now: NOW,
      connections: [{ name: 'acme-crm', status: 'ready', expiresAt: NOW + 58 * MINUTE }],
    });
    expect(labels(template)).toEqual([
      'acme-crm — 58:00 left',
      '<separator>',
      OPEN_LABEL,
      QUIT_LABEL,
    ]);
    const [connection] = template;
    expect(connection!.type).toBe('submenu');
    expect(connection!.submenu).toEqual([
      {
        id: 'copy-token:acme-crm',
        label: 'Copy access token',
        enabled: true,
        action: { kind: 'copy', name: 'acme-crm', as: 'token' },
      },
      {
        id: 'copy-header:acme-crm',
        label: 'Copy as header',
        enabled: true,
        action: { kind: 'copy', name: 'acme-crm', as: 'header' },
      },
    ]);
    expect(template.at(-2)).toEqual({ id: 'open', label: OPEN_LABEL, action: { kind: 'open' } });
    expect(template.at(-1)).toEqual({ id: 'quit', label: QUIT_LABEL, action: { kind: 'quit' } });
  });

  it('disables copying for a connection that needs authorization, with a hint', () => {
    const template = buildTrayTemplate({
      now: NOW,
      connections: [
        { name: 'stale', status: 'needs-reauth', expiresAt: NOW + 30 * MINUTE },
        { name: 'fresh', status: 'new' },
      ],
    });
    const stale = find(template, 'stale')!;
    expect(stale.label).toBe('stale — needs authorization');
    expect(
      stale.submenu!.filter((item) => item.action?.kind === 'copy').map((item) => item.enabled),
    ).toEqual([false, false]);
    expect(stale.submenu!.at(-1)).toEqual({
      id: 'hint:stale',
      label: 'Authorize it again in Token Desk',
      enabled: false,
    });
    const fresh = find(template, 'fresh')!;
    expect(fresh.label).toBe('fresh — not authorized yet');
    expect(fresh.submenu!.at(-1)).toMatchObject({
      label: 'Authorize it in Token Desk first',
      enabled: false,
    });
  });

  it('says how long the token lasts, and that an expired one is refreshed on copy', () => {
    expect(statusText({ name: 'a', status: 'ready', expiresAt: NOW + 65 * MINUTE }, NOW)).toBe(
      '1 h 05 min left',
    );
    expect(statusText({ name: 'a', status: 'ready', expiresAt: NOW + 20_000 }, NOW)).toBe(
      '0:20 left',
    );
    expect(statusText({ name: 'a', status: 'ready', expiresAt: NOW - 1 }, NOW)).toBe(
      'expired, refreshed on copy',
    );
    expect(statusText({ name: 'a', status: 'ready' }, NOW)).toBe('ready');
  });

  it('groups connections by org (sorted), and lists the ones without an org after the groups', () => {
    const template = buildTrayTemplate({
      now: NOW,
      connections: [
        { name: 'zeta', status: 'ready' },
        { name: 'globex-books', status: 'ready', org: 'Globex' },
        { name: 'acme-desk', status: 'ready', org: 'Acme & Sons' },
        { name: 'acme-crm', status: 'ready', org: 'Acme & Sons' },
        { name: 'alpha', status: 'ready' },
      ],
    });
    expect(labels(template)).toEqual([
      'Acme && Sons',
      'Globex',
      'alpha — ready',
      'zeta — ready',
      '<separator>',
      OPEN_LABEL,
      QUIT_LABEL,
    ]);
    expect(labels(template[0]!.submenu)).toEqual(['acme-crm — ready', 'acme-desk — ready']);
    expect(template[0]!.type).toBe('submenu');
  });

  it('orders orgs and names naturally, as the sidebar does: Org 2 before Org 10, client-9 before client-10', () => {
    const template = buildTrayTemplate({
      now: NOW,
      connections: [
        { name: 'client-10', status: 'ready', org: 'Org 10' },
        { name: 'client-9', status: 'ready', org: 'Org 10' },
        { name: 'b', status: 'ready', org: 'Org 2' },
        { name: 'mine-10', status: 'ready' },
        { name: 'mine-9', status: 'ready' },
      ],
    });
    expect(labels(template).slice(0, 4)).toEqual([
      'Org 2',
      'Org 10',
      'mine-9 — ready',
      'mine-10 — ready',
    ]);
    expect(labels(template[1]!.submenu)).toEqual(['client-9 — ready', 'client-10 — ready']);
  });

  it('says when there are no connections, or when they could not be read', () => {
    expect(labels(buildTrayTemplate({ now: NOW, connections: [] }))).toEqual([
      'No connections yet',
      '<separator>',
      OPEN_LABEL,
      QUIT_LABEL,
    ]);
    const broken = buildTrayTemplate({
      now: NOW,
      connections: [],
      problem: 'Connections unavailable',
    });
    expect(broken[0]).toEqual({ id: 'problem', label: 'Connections unavailable', enabled: false });
    expect(labels(broken).slice(-2)).toEqual([OPEN_LABEL, QUIT_LABEL]);
  });

  it('has a tooltip that counts connections and those to authorize', () => {
    const state: TrayState = {
      now: NOW,
      connections: [
        { name: 'a', status: 'ready' },
        { name: 'b', status: 'needs-reauth' },
      ],
    };
    expect(trayToolTip(state)).toBe('Token Desk — 2 connections, 1 to authorize');
  });
});

class FakeTray implements TrayLike {
  menu: unknown;
  toolTip = '';
  destroyed = false;
  readonly clicks: Array<() => void> = [];
  constructor(readonly icon: string) {}
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
  setToolTip(toolTip: string) {
    this.toolTip = toolTip;
  }
  on(_event: 'click', listener: () => void) {
    this.clicks.push(listener);
    return this;
  }
  destroy() {
    this.destroyed = true;
  }
}

describe('tray controller', () => {
  function setup(platform: NodeJS.Platform = 'linux') {
    let tray: FakeTray | undefined;
    let state: TrayState = {
      now: NOW,
      connections: [{ name: 'acme-crm', status: 'ready', expiresAt: NOW + 10 * MINUTE }],
    };
    const actions = { copy: vi.fn(async () => undefined), open: vi.fn(), quit: vi.fn() };
    const controller = createTrayController({
      createTray: (icon) => (tray = new FakeTray(icon)),
      buildMenu: (template) => template,
      icon: '/app/icon.png',
      getState: () => state,
      actions,
      platform,
    });
    const menu = () => tray!.menu as MenuTemplateItem[];
    return {
      tray: tray!,
      controller,
      actions,
      menu,
      setState: (next: TrayState) => (state = next),
    };
  }

  it('creates the tray through the factory with the icon, and builds the menu at once', () => {
    const { tray, menu } = setup();
    expect(tray.icon).toBe('/app/icon.png');
    expect(menu().map((item) => item.label)).toEqual([
      'acme-crm — 10:00 left',
      undefined,
      OPEN_LABEL,
      QUIT_LABEL,
    ]);
    expect(tray.toolTip).toBe('Token Desk — 1 connection');
  });

  it('turns menu actions into calls', () => {
    const { menu, actions } = setup();
    const copyHeader = menu()[0]!.submenu!.find((item) => item.label === 'Copy as header')!;
    copyHeader.click!();
    menu().find((item) => item.label === OPEN_LABEL)!.click!();
    menu().find((item) => item.label === QUIT_LABEL)!.click!();
    expect(actions.copy).toHaveBeenCalledWith('acme-crm', 'header');
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('rebuilds the menu from the current state on refresh', () => {
    const { controller, menu, setState } = setup();
    setState({ now: NOW, connections: [] });
    controller.refresh();
    expect(menu()[0]!.label).toBe('No connections yet');
  });

  it('shows a problem item instead of failing when the state cannot be read', () => {
    let tray: FakeTray | undefined;
    createTrayController({
      createTray: (icon) => (tray = new FakeTray(icon)),
      buildMenu: (template) => template,
      icon: 'i.png',
      getState: () => {
        throw new Error('store_corrupt');
      },
      actions: { copy: vi.fn(), open: vi.fn(), quit: vi.fn() },
      platform: 'linux',
    });
    const items = tray!.menu as MenuTemplateItem[];
    expect(items[0]).toMatchObject({ id: 'problem', enabled: false });
    expect(items.at(-1)!.label).toBe(QUIT_LABEL);
  });

  it('opens the window on a left click, except on macOS where a click shows the menu', () => {
    const linux = setup('linux');
    linux.tray.clicks.forEach((click) => click());
    expect(linux.actions.open).toHaveBeenCalledOnce();
    expect(setup('darwin').tray.clicks).toHaveLength(0);
  });

  it('destroys the tray', () => {
    const { tray, controller } = setup();
    controller.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('toMenuTemplate keeps plain fields and never leaks the action descriptor', () => {
    const template = toMenuTemplate(
      [{ id: 'x', label: 'X', enabled: false, action: { kind: 'open' } }],
      () => undefined,
    );
    expect(Object.keys(template[0]!).sort()).toEqual(['click', 'enabled', 'id', 'label']);
  });
});
