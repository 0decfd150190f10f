import { describe, expect, it, vi } from 'vitest';
import { TokenDeskError } from '../../../main/core/errors.js';
import {
  clipboardText,
  COPY_MIN_VALID_SECONDS,
  createTokenCopier,
  type Notice,
} from '../../../main/electron/token-copy.js';
import { FakeClipboard, ManualSchedule } from './fakes.js';

const NOW = Date.UTC(2025, 2, 1, 10, 0, 0);
const TOKEN = '1000.5f1c2a9e8d7b6c5a4f3e2d1c0b9a8f7e.0123456789abcdef';
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(options: { clearAfterSeconds?: number; fail?: unknown; refreshed?: boolean } = {}) {
  const clipboard = new FakeClipboard();
  const timer = new ManualSchedule();
  const notices: Notice[] = [];
  const changed: string[] = [];
  const getAccessToken = vi.fn(async (_name: string, _options: { minValidSeconds: number }) => {
    if (options.fail) throw options.fail;
    return {
      accessToken: TOKEN,
      expiresAt: NOW + 58 * 60_000,
      connection: { name: 'acme-crm' },
      refreshed: options.refreshed ?? false,
    };
  });
  const copier = createTokenCopier({
    getAccessToken,
    clipboard,
    schedule: timer.schedule,
    clearAfterSeconds: () => options.clearAfterSeconds ?? 30,
    notify: (notice) => notices.push(notice),
    now: () => NOW,
    formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
    onConnectionChanged: (name) => changed.push(name),
  });
  return { clipboard, timer, notices, getAccessToken, copier, changed };
}

describe('token copy', () => {
  it('asks for a token valid 5 more minutes, so it is refreshed first when less remains', async () => {
    const { copier, getAccessToken } = setup();
    await copier.copy('ACME-CRM', 'token');
    expect(COPY_MIN_VALID_SECONDS).toBe(300);
    expect(getAccessToken).toHaveBeenCalledExactlyOnceWith('ACME-CRM', { minValidSeconds: 300 });
  });

  it('copies the token, or an Authorization header line', async () => {
    const { copier, clipboard } = setup();
    await copier.copy('acme-crm', 'token');
    expect(clipboard.text).toBe(TOKEN);
    await copier.copy('acme-crm', 'header');
    expect(clipboard.text).toBe(`Authorization: Zoho-oauthtoken ${TOKEN}`);
    expect(clipboardText('t', 'header')).toBe('Authorization: Zoho-oauthtoken t');
  });

  it('notifies what was copied and until when, never the token itself', async () => {
    const { copier, notices } = setup();
    const result = await copier.copy('acme-crm', 'header');
    expect(result).toEqual({ expiresAt: NOW + 58 * 60_000 });
    expect(notices).toEqual([
      {
        title: 'Authorization header copied',
        body: 'acme-crm: valid until 10:58 (58:00 left). The clipboard is cleared in 30 s.',
      },
    ]);
    for (const notice of notices) {
      expect(`${notice.title} ${notice.body}`).not.toContain(TOKEN);
      expect(`${notice.title} ${notice.body}`).not.toContain(TOKEN.slice(0, 12));
    }
  });

  it('clears the clipboard after the user’s delay if it still holds the token', async () => {
    const { copier, clipboard, timer } = setup({ clearAfterSeconds: 45 });
    await copier.copy('acme-crm', 'token');
    expect(timer.active.map((entry) => entry.delayMs)).toEqual([45_000]);
    timer.fireAll();
    await flush();
    expect(clipboard.text).toBe('');
  });

  it('a second copy replaces the first one’s pending clear', async () => {
    const { copier, timer } = setup();
    await copier.copy('acme-crm', 'token');
    await copier.copy('acme-crm', 'header');
    expect(timer.active).toHaveLength(1);
  });

  it('says so when clearing is off', async () => {
    const { copier, notices, timer } = setup({ clearAfterSeconds: 0 });
    await copier.copy('acme-crm', 'token');
    expect(timer.pending).toHaveLength(0);
    expect(notices[0]!.body).toContain('not cleared automatically');
  });

  it('copy rejects with the token manager’s error; copyAndReport turns it into a notification', async () => {
    const error = new TokenDeskError(
      'needs_reauth',
      'The refresh token of "acme-crm" was refused.',
      { category: 'auth', remedy: 'Authorize it again.' },
    );
    const { copier, notices, clipboard } = setup({ fail: error });
    await expect(copier.copy('acme-crm', 'token')).rejects.toBe(error);
    await copier.copyAndReport('acme-crm', 'token');
    expect(notices).toEqual([
      {
        title: 'Could not copy the token of acme-crm',
        body: 'The refresh token of "acme-crm" was refused. Authorize it again.',
      },
    ]);
    expect(clipboard.writes).toEqual([]);
  });

  it('an unexpected failure gets a generic notification (no stack, nothing from the error)', async () => {
    const { copier, notices } = setup({ fail: new Error(`boom ${TOKEN}`) });
    await copier.copyAndReport('acme-crm', 'token');
    expect(notices[0]!.body).not.toContain(TOKEN);
    expect(notices[0]!.body).toContain('unexpected');
  });

  it('clearNow takes the last copy off the clipboard, but not the user’s own text', async () => {
    const first = setup();
    await first.copier.copy('acme-crm', 'token');
    await first.copier.clearNow();
    expect(first.clipboard.text).toBe('');
    expect(first.timer.active).toHaveLength(0);

    const second = setup();
    await second.copier.copy('acme-crm', 'token');
    await second.clipboard.writeText('mine');
    await second.copier.clearNow();
    expect(second.clipboard.text).toBe('mine');
  });

  describe('copyText (an export from the window)', () => {
    const EXPORT = 'ZOHO_CLIENT_ID=1000.X\nZOHO_REFRESH_TOKEN=1000.refresh\n';

    it('with secrets: cleared after the user’s delay if the clipboard still holds it', async () => {
      const { copier, clipboard, timer, notices } = setup({ clearAfterSeconds: 45 });
      expect(await copier.copyText(EXPORT, { secret: true })).toEqual({ clearAfterSeconds: 45 });
      expect(clipboard.text).toBe(EXPORT);
      expect(timer.active.map((entry) => entry.delayMs)).toEqual([45_000]);
      timer.fireAll();
      await flush();
      expect(clipboard.text).toBe('');
      // The window says what happened; no notification carries any of it.
      expect(notices).toEqual([]);
    });

    it('with secrets: the user’s own later copy stays', async () => {
      const { copier, clipboard, timer } = setup();
      await copier.copyText(EXPORT, { secret: true });
      await clipboard.writeText('mine');
      timer.fireAll();
      await flush();
      expect(clipboard.text).toBe('mine');
    });

    it('without secrets: stays on the clipboard, and replaces a token’s pending clear', async () => {
      const { copier, clipboard, timer } = setup();
      await copier.copy('acme-crm', 'token');
      expect(await copier.copyText('ZOHO_CLIENT_ID=1000.X\n', { secret: false })).toEqual({
        clearAfterSeconds: 0,
      });
      expect(timer.active).toHaveLength(0);
      await copier.clearNow();
      expect(clipboard.text).toBe('ZOHO_CLIENT_ID=1000.X\n');
    });

    it('with secrets: taken off at quit (clearNow), and a later token copy supersedes its clear', async () => {
      const quitting = setup();
      await quitting.copier.copyText(EXPORT, { secret: true });
      await quitting.copier.clearNow();
      expect(quitting.clipboard.text).toBe('');

      const superseded = setup();
      await superseded.copier.copyText(EXPORT, { secret: true });
      await superseded.copier.copy('acme-crm', 'token');
      expect(superseded.timer.active).toHaveLength(1);
      superseded.timer.fireAll();
      await flush();
      expect(superseded.clipboard.text).toBe('');
    });

    it('with clearing off (0 s): says so and schedules nothing', async () => {
      const { copier, timer } = setup({ clearAfterSeconds: 0 });
      expect(await copier.copyText(EXPORT, { secret: true })).toEqual({ clearAfterSeconds: 0 });
      expect(timer.pending).toHaveLength(0);
    });
  });

  it('a copy that refreshed the token says the connection changed (the tray copy has no rpc call to do it)', async () => {
    const refreshed = setup({ refreshed: true });
    await refreshed.copier.copyAndReport('ACME-CRM', 'token');
    expect(refreshed.changed).toEqual(['acme-crm']);

    const cached = setup({ refreshed: false });
    await cached.copier.copyAndReport('acme-crm', 'token');
    expect(cached.changed).toEqual([]);
  });

  it('a failed copy says the connection may have changed (a refused refresh marks it needs-reauth)', async () => {
    const error = new TokenDeskError('needs_reauth', 'Refused.', {
      category: 'auth',
      remedy: 'Again.',
    });
    const { copier, changed } = setup({ fail: error });
    await copier.copyAndReport('acme-crm', 'header');
    expect(changed).toEqual(['acme-crm']);
  });
});
