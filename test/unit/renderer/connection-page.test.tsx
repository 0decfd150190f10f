import { act, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme as appTheme } from '../../../renderer/src/App.js';
import { cssVariablesResolver } from '../../../renderer/src/app/theme.js';
import {
  FAKE_ACCESS_TOKEN,
  MASKED_TOKEN,
  makeConnection,
  type FakeRpcOptions,
} from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

const acme = makeConnection({
  name: 'acme-crm',
  org: 'Acme',
  dc: 'eu',
  user: { email: 'ops@acme.example', name: 'Ops' },
  clientType: 'server',
  redirectUri: 'http://localhost:53134/callback',
});

async function openAcme(options: FakeRpcOptions = {}) {
  const app = await renderApp({ connections: [acme], ...options });
  await app.user.click(screen.getByTestId('connection-item-acme-crm'));
  await screen.findByTestId('connection-page');
  return app;
}

/**
 * The colour a CSS value such as `var(--mantine-color-red-outline)` ends up as in a colour scheme,
 * resolved through Mantine's own variables for the app's theme (jsdom computes no styles).
 */
function resolveColor(value: string, scheme: 'light' | 'dark'): string {
  const resolved = cssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, appTheme));
  const vars = resolved as unknown as Record<
    'variables' | 'light' | 'dark',
    Record<string, string>
  >;
  let current = value.trim();
  for (let depth = 0; depth < 10; depth += 1) {
    const ref = /^var\((--[\w-]+)\)$/.exec(current);
    if (!ref) return current;
    const next = vars[scheme][ref[1]!] ?? vars.variables[ref[1]!];
    if (next === undefined) throw new Error(`unknown CSS variable ${ref[1]}`);
    current = String(next).trim();
  }
  throw new Error(`CSS variable chain too deep: ${value}`);
}

/** Reads as red: the red channel well above the others (red-0, "almost white", does not). */
function isRed(hex: string): boolean {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => Number.parseInt(part, 16)) as [
    number,
    number,
    number,
  ];
  return r - Math.max(g, b) >= 80;
}

describe('connection page', () => {
  it.each(['dark', 'light'] as const)(
    'shows Revoke… and Remove… in red in the %s theme',
    async (scheme) => {
      const { user } = await openAcme({ settings: { theme: scheme } });
      expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', scheme);
      const textColor = (testId: string) =>
        resolveColor(screen.getByTestId(testId).style.getPropertyValue('--button-color'), scheme);
      expect(isRed(textColor('token-revoke')), textColor('token-revoke')).toBe(true);
      await user.click(screen.getByTestId('tab-details'));
      await screen.findByTestId('connection-remove');
      expect(isRed(textColor('connection-remove')), textColor('connection-remove')).toBe(true);
      // The check itself tells white from red: Mantine's light-color shade in the dark theme.
      expect(isRed(resolveColor('var(--mantine-color-red-light-color)', 'dark'))).toBe(false);
    },
  );

  it('shows the token masked, never the token itself, with a live expiry countdown', async () => {
    const { clock } = await openAcme();
    expect(screen.getByTestId('token-masked')).toHaveTextContent(MASKED_TOKEN);
    expect(document.body).not.toHaveTextContent(FAKE_ACCESS_TOKEN);
    expect(screen.getByTestId('token-expiry')).toHaveTextContent('expires in 1 h 00 min');
    clock.advance(59 * 60_000);
    expect(screen.getByTestId('token-expiry')).toHaveTextContent('expires in 1:00');
  });

  it('copies in main through tokens.copy in Electron: the token never reaches the window', async () => {
    const { user, fake } = await openAcme({ shell: 'electron' });
    await user.click(screen.getByTestId('token-copy'));
    expect(await screen.findByTestId('token-feedback')).toHaveTextContent(
      'Access token copied. The clipboard is cleared in 30 s.',
    );
    await user.click(screen.getByTestId('token-copy-header'));
    await screen.findByText(/Authorization header copied/);
    expect(fake.callsOf('tokens.copy')).toEqual([
      { name: 'acme-crm', as: 'token' },
      { name: 'acme-crm', as: 'header' },
    ]);
    expect(fake.callsOf('tokens.reveal')).toHaveLength(0);
    expect(await navigator.clipboard.readText()).toBe('');
  });

  it('in browser mode, reveals on the click and writes the clipboard itself', async () => {
    const { user, fake } = await openAcme({ shell: 'browser' });
    await user.click(screen.getByTestId('token-copy-header'));
    expect(await screen.findByTestId('token-feedback')).toHaveTextContent(
      'Authorization header copied.',
    );
    expect(await navigator.clipboard.readText()).toBe(
      `Authorization: Zoho-oauthtoken ${FAKE_ACCESS_TOKEN}`,
    );
    await user.click(screen.getByTestId('token-copy'));
    await screen.findByText(/^Access token copied/);
    expect(await navigator.clipboard.readText()).toBe(FAKE_ACCESS_TOKEN);
    expect(fake.callsOf('tokens.reveal')).toHaveLength(2);
    expect(fake.callsOf('tokens.copy')).toHaveLength(0);
    // Still masked on screen.
    expect(screen.getByTestId('token-masked')).toHaveTextContent(MASKED_TOKEN);
  });

  describe('browser mode clipboard clearing', () => {
    afterEach(() => {
      vi.restoreAllMocks();
      vi.useRealTimers();
    });

    it('promises the clear only as a try, clears when the browser lets it, and says so when it did not', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
      const { user } = await openAcme({ shell: 'browser' });
      await user.click(screen.getByTestId('token-copy'));
      const feedback = await screen.findByTestId('token-feedback');
      expect(feedback).toHaveTextContent(
        'Access token copied. Token Desk tries to clear the clipboard in 30 s, if your browser allows it',
      );
      expect(feedback).not.toHaveTextContent('The clipboard is cleared in');

      // Allowed: after 30 s the token is gone, and nothing needs saying.
      expect(await navigator.clipboard.readText()).toBe(FAKE_ACCESS_TOKEN);
      const writes = vi.spyOn(navigator.clipboard, 'writeText');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      await vi.waitFor(() => expect(writes).toHaveBeenLastCalledWith(''));
      expect(screen.queryByTestId('notice-clipboard-not-cleared')).not.toBeInTheDocument();

      // Refused (no clipboard-read permission): the user is told the token may still be there.
      await user.click(screen.getByTestId('token-copy'));
      await screen.findByText(/^Access token copied/);
      vi.spyOn(navigator.clipboard, 'readText').mockRejectedValue(
        new DOMException('Read permission denied.', 'NotAllowedError'),
      );
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      const notice = await screen.findByTestId('notice-clipboard-not-cleared');
      expect(notice).toHaveTextContent('Could not clear the clipboard');
      expect(notice).toHaveTextContent('Copy something else to replace it.');
      // It sits by the copy buttons, not over the window.
      expect(
        within(screen.getByTestId('notice-outlet-clipboard')).getByTestId(
          'notice-clipboard-not-cleared',
        ),
      ).toBeInTheDocument();
      // It stays in view when the user moves to another screen, until dismissed.
      await user.click(screen.getByTestId('tab-details'));
      expect(screen.getByTestId('notice-clipboard-not-cleared')).toBeInTheDocument();
      await user.click(
        within(screen.getByTestId('notice-clipboard-not-cleared')).getByRole('button', {
          name: 'Dismiss',
        }),
      );
      expect(screen.queryByTestId('notice-clipboard-not-cleared')).not.toBeInTheDocument();
    });
  });

  it('reveals the token on request and hides it again after 30 seconds', async () => {
    const { user, clock } = await openAcme();
    await user.click(screen.getByTestId('token-reveal'));
    expect(await screen.findByTestId('token-revealed')).toHaveTextContent(FAKE_ACCESS_TOKEN);
    clock.advance(30_000);
    expect(screen.getByTestId('token-masked')).toHaveTextContent(MASKED_TOKEN);
  });

  it('refreshes with progress and shows errors with their remedy', async () => {
    const { user, fake } = await openAcme();
    fake.fail('tokens.refresh', {
      code: 'rate_limited',
      message: 'Zoho allows 10 refreshes per 10 minutes and this connection used them.',
      remedy: 'Wait until 10:07 and try again.',
    });
    await user.click(screen.getByTestId('token-refresh'));
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'Zoho allows 10 refreshes per 10 minutes',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent('Wait until 10:07 and try again.');
    fake.succeed('tokens.refresh');
    await user.click(screen.getByTestId('token-refresh'));
    expect(await screen.findByTestId('token-feedback')).toHaveTextContent(
      'Access token refreshed.',
    );
    expect(screen.queryByTestId('error-message')).not.toBeInTheDocument();
  });

  it('asks for confirmation before revoking, and cancelling revokes nothing', async () => {
    const { user, fake } = await openAcme();
    await user.click(screen.getByTestId('token-revoke'));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke acme-crm?' });
    expect(dialog).toHaveTextContent('Zoho will stop accepting');
    await user.click(within(dialog).getByTestId('revoke-cancel'));
    expect(fake.callsOf('connections.revoke')).toHaveLength(0);

    await user.click(screen.getByTestId('token-revoke'));
    await user.click(within(await screen.findByRole('dialog')).getByTestId('revoke-confirm'));
    expect(await screen.findByTestId('token-feedback')).toHaveTextContent('Revoked at Zoho');
    expect(fake.callsOf('connections.revoke')).toEqual([{ name: 'acme-crm' }]);
    expect(screen.getByTestId('not-authorized')).toBeInTheDocument();
    expect(screen.getByTestId('token-copy')).toBeDisabled();
  });

  it("offers re-authorization when the refresh token is dead ('needs-reauth')", async () => {
    const dead = makeConnection({
      name: 'dead',
      status: 'needs-reauth',
      clientType: 'self',
      lastError: { code: 'invalid_code', message: 'Zoho refused the refresh token.', at: 0 },
    });
    const { user, fake } = await renderApp({ connections: [dead] });
    await user.click(screen.getByTestId('connection-item-dead'));
    expect(await screen.findByTestId('needs-reauth')).toHaveTextContent(
      'Zoho refused the refresh token.',
    );
    await user.click(screen.getByTestId('reauthorize'));
    const dialog = await screen.findByRole('dialog', { name: 'Re-authorize dead' });
    expectEveryFieldLabelled(dialog);
    await user.type(within(dialog).getByTestId('reauth-code'), '1000.new.code');
    await user.click(within(dialog).getByTestId('reauth-authorize'));
    expect(await screen.findByTestId('connection-notice')).toHaveTextContent('dead is authorized.');
    // With the scopes it showed to paste: Zoho's answer will not name them.
    expect(fake.callsOf('connections.authorizeSelfClient')).toEqual([
      { name: 'dead', code: '1000.new.code', scopes: ['ZohoCRM.modules.ALL'] },
    ]);
    expect(screen.queryByTestId('needs-reauth')).not.toBeInTheDocument();
  });

  it('warns before a sign-in that would make a 21st refresh token, naming what breaks, and still lets it go on', async () => {
    const busy = makeConnection({ name: 'busy', status: 'needs-reauth', clientType: 'self' });
    const calm = makeConnection({ name: 'calm', status: 'needs-reauth', clientType: 'self' });
    const { user, fake } = await renderApp({ connections: [busy, calm] });
    const warning =
      'Token Desk has already had 20 refresh tokens made for client 1000.X. Zoho keeps 20 per user and client: this sign-in makes Zoho delete the oldest, which connection "old" uses.';
    fake.refreshTokenWarnings = { busy: warning };

    await user.click(screen.getByTestId('connection-item-busy'));
    await user.click(await screen.findByTestId('reauthorize'));
    const dialog = await screen.findByRole('dialog', { name: 'Re-authorize busy' });
    expect(await within(dialog).findByTestId('reauth-refresh-limit')).toHaveTextContent(warning);
    expect(fake.callsOf('connections.refreshTokenWarning')).toEqual([{ name: 'busy' }]);
    // A warning, not a stop: the code can still be sent.
    await user.type(within(dialog).getByTestId('reauth-code'), '1000.new.code');
    await user.click(within(dialog).getByTestId('reauth-authorize'));
    expect(await screen.findByTestId('connection-notice')).toHaveTextContent('busy is authorized.');

    // Below the limit, nothing is said.
    await user.click(screen.getByTestId('connection-item-calm'));
    await user.click(await screen.findByTestId('reauthorize'));
    const calmDialog = await screen.findByRole('dialog', { name: 'Re-authorize calm' });
    await within(calmDialog).findByTestId('reauth-code');
    await waitFor(() =>
      expect(fake.callsOf('connections.refreshTokenWarning')).toContainEqual({ name: 'calm' }),
    );
    expect(within(calmDialog).queryByTestId('reauth-refresh-limit')).not.toBeInTheDocument();
  });

  it('a Self Client re-authorized with a missing scope: the scope is kept and called unconfirmed, not "not granted"', async () => {
    const self = makeConnection({
      name: 'acme-self',
      clientType: 'self',
      scopes: ['ZohoCRM.modules.ALL'],
      grantedScopes: undefined,
    });
    const { user, fake } = await renderApp({ connections: [self] });
    await user.click(screen.getByTestId('connection-item-acme-self'));
    // Zoho never listed the scopes: the page says they are the requested ones.
    expect(await screen.findByText('Requested scopes')).toBeInTheDocument();
    expect(screen.queryByText('Granted scopes')).not.toBeInTheDocument();
    expect(screen.getByTestId('scopes-unconfirmed')).toHaveTextContent(
      'Zoho did not list which were granted',
    );

    fake.handle('requests.send', () => ({
      url: 'https://www.zohoapis.com/crm/v8/org',
      status: 401,
      statusText: 'Unauthorized',
      headers: [],
      body: '{"code":"OAUTH_SCOPE_MISMATCH","message":"invalid oauth scope to access this URL","status":"error"}',
      sizeBytes: 97,
      durationMs: 80,
      retriedAfterRefresh: false,
      missingScope: 'ZohoCRM.org.READ',
    }));
    await user.click(screen.getByTestId('tab-requests'));
    await user.type(await screen.findByLabelText(/^URL/), '/crm/v8/org');
    await user.click(screen.getByTestId('request-send'));
    await user.click(await screen.findByTestId('reauthorize-with-scope'));
    const dialog = await screen.findByRole('dialog', { name: 'Re-authorize acme-self' });
    // The text to paste into Generate Code has the added scope.
    expect(within(dialog).getByTestId('reauth-scopes-copy')).toHaveTextContent(
      'ZohoCRM.modules.ALL,ZohoCRM.org.READ',
    );
    await user.type(within(dialog).getByTestId('reauth-code'), '1000.new.code');
    await user.click(within(dialog).getByTestId('reauth-authorize'));

    const notice = await screen.findByTestId('connection-notice');
    expect(notice).toHaveTextContent(
      'acme-self is authorized; ZohoCRM.org.READ was asked for, but not confirmed by Zoho',
    );
    expect(notice).not.toHaveTextContent('did not grant');
    expect(fake.callsOf('connections.authorizeSelfClient')).toEqual([
      {
        name: 'acme-self',
        code: '1000.new.code',
        scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'],
      },
    ]);
    expect(fake.connections[0]!.scopes).toEqual(['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ']);
  });

  it('says "not granted" only when Zoho listed the granted scopes and the added one is missing', async () => {
    const { reauthorizedNotice } =
      await import('../../../renderer/src/features/connection/ConnectionPage.js');
    const base = makeConnection({ name: 'c', scopes: ['A.b.READ', 'A.c.READ'] });
    expect(reauthorizedNotice({ ...base, grantedScopes: ['A.b.READ'] }, ['A.c.READ'])).toContain(
      'Zoho did not grant A.c.READ',
    );
    expect(
      reauthorizedNotice({ ...base, grantedScopes: ['A.b.READ', 'a.c.read'] }, ['A.c.READ']),
    ).toBe('c is authorized with A.c.READ.');
    expect(reauthorizedNotice({ ...base, grantedScopes: undefined }, ['A.c.READ'])).toContain(
      'not confirmed by Zoho',
    );
    expect(reauthorizedNotice(base, [])).toBe('c is authorized.');
  });

  it('shows details and exports without secrets unless asked', async () => {
    const { user, fake } = await openAcme();
    await user.click(screen.getByTestId('tab-details'));
    const details = await screen.findByTestId('connection-details');
    expect(details).toHaveTextContent('Europe (zoho.eu)');
    expect(details).toHaveTextContent('https://www.zohoapis.eu');
    expect(details).toHaveTextContent('1000.CLIENTID');
    expectEveryFieldLabelled();

    await user.click(screen.getByLabelText('JSON'));
    await user.click(screen.getByTestId('export-run'));
    expect(await screen.findByTestId('export-text')).toHaveValue(
      'ZOHO_CLIENT_ID=1000.CLIENTID\nZOHO_API_DOMAIN=https://www.zohoapis.eu\n',
    );
    await user.click(screen.getByLabelText(/Include secrets/));
    await user.click(screen.getByTestId('export-run'));
    expect(await screen.findByText('This export contains secrets')).toBeInTheDocument();
    expect(fake.callsOf('connections.export')).toEqual([
      { name: 'acme-crm', format: 'json', includeSecrets: false, copy: false },
      { name: 'acme-crm', format: 'json', includeSecrets: true, copy: false },
    ]);
  });

  it('in Electron, an export copied with secrets goes through main, which clears it after the delay', async () => {
    const { user, fake } = await openAcme({ shell: 'electron' });
    await navigator.clipboard.writeText('what the user had copied');
    await user.click(screen.getByTestId('tab-details'));
    await user.click(await screen.findByLabelText(/Include secrets/));
    await user.click(screen.getByTestId('export-run'));
    await screen.findByTestId('export-text');
    await user.click(screen.getByTestId('export-copy'));
    expect(await screen.findByTestId('export-copied')).toHaveTextContent(
      'Copied. The clipboard is cleared in 30 s.',
    );
    expect(fake.callsOf('connections.export')).toEqual([
      { name: 'acme-crm', format: 'env', includeSecrets: true, copy: false },
      { name: 'acme-crm', format: 'env', includeSecrets: true, copy: true },
    ]);
    // Main holds it (and clears it); the window's clipboard was not used.
    expect(fake.mainClipboard).toContain('ZOHO_REFRESH_TOKEN=1000.refresh');
    expect(screen.getByTestId('export-text')).toHaveValue(fake.mainClipboard);
    expect(await navigator.clipboard.readText()).toBe('what the user had copied');

    // Without secrets there is nothing to clear, and the window does not promise it.
    await user.click(screen.getByLabelText(/Include secrets/));
    await user.click(screen.getByTestId('export-run'));
    await user.click(await screen.findByTestId('export-copy'));
    expect(await screen.findByTestId('export-copied')).toHaveTextContent(/^Copied\.$/);
  });

  describe('browser mode: an export copied with secrets', () => {
    afterEach(() => {
      vi.restoreAllMocks();
      vi.useRealTimers();
    });

    async function exportAndCopy(includeSecrets: boolean) {
      const app = await openAcme({ shell: 'browser' });
      await app.user.click(screen.getByTestId('tab-details'));
      if (includeSecrets) await app.user.click(await screen.findByLabelText(/Include secrets/));
      await app.user.click(await screen.findByTestId('export-run'));
      await screen.findByTestId('export-text');
      await app.user.click(screen.getByTestId('export-copy'));
      return app;
    }

    it('is cleared after the delay when the browser lets it, as a copied token is', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
      await exportAndCopy(true);
      expect(await screen.findByTestId('export-copied')).toHaveTextContent(
        'Copied. Token Desk tries to clear the clipboard in 30 s, if your browser allows it',
      );
      expect(await navigator.clipboard.readText()).toContain('ZOHO_REFRESH_TOKEN=1000.refresh');
      const writes = vi.spyOn(navigator.clipboard, 'writeText');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(29_000);
      });
      expect(writes).not.toHaveBeenCalled();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1_000);
      });
      await vi.waitFor(() => expect(writes).toHaveBeenLastCalledWith(''));
      expect(screen.queryByTestId('notice-clipboard-not-cleared')).not.toBeInTheDocument();
    });

    it('says so when the browser refuses the clear', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
      await exportAndCopy(true);
      await screen.findByTestId('export-copied');
      vi.spyOn(navigator.clipboard, 'readText').mockRejectedValue(
        new DOMException('Read permission denied.', 'NotAllowedError'),
      );
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      const notice = await screen.findByTestId('notice-clipboard-not-cleared');
      expect(notice).toHaveTextContent('Could not clear the clipboard');
      expect(notice).toHaveTextContent('the export with its secrets may still be on the clipboard');
    });

    it('without secrets is left on the clipboard, with no promise to clear it', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
      await exportAndCopy(false);
      expect(await screen.findByTestId('export-copied')).toHaveTextContent(/^Copied\.$/);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      expect(await navigator.clipboard.readText()).toContain('ZOHO_CLIENT_ID=1000.CLIENTID');
    });
  });

  it('removes a connection only after confirmation', async () => {
    const { user, fake } = await openAcme();
    await user.click(screen.getByTestId('tab-details'));
    await user.click(await screen.findByTestId('connection-remove'));
    await user.click(within(await screen.findByRole('dialog')).getByTestId('remove-confirm'));
    expect(await screen.findByTestId('empty-state')).toBeInTheDocument();
    expect(fake.callsOf('connections.remove')).toEqual([{ name: 'acme-crm' }]);
  });

  it('reloads the list when main says connections changed', async () => {
    const { fake } = await openAcme();
    fake.connections = [...fake.connections, makeConnection({ name: 'from-cli' })];
    act(() => fake.emit('connections.changed', {}));
    expect(await screen.findByTestId('connection-item-from-cli')).toBeInTheDocument();
  });
});
