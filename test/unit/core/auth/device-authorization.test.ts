// The device-flow sign-in's polling, driven by a fake clock whose sleep only moves time: every
// wait is recorded, so "never faster than Zoho allows" is checked to the millisecond, without any
// real waiting. The last block runs the real device client against the Zoho simulator, whose clock
// moves with ours.
import { afterEach, describe, expect, it } from 'vitest';
import {
  invitationMessage,
  runDeviceAuthorization,
  SLOW_DOWN_INTERVAL_MS,
  type DeviceAuthorizationOptions,
  type DeviceAuthorizationProgress,
} from '../../../../main/core/auth/device-authorization.js';
import {
  createZohoDeviceClient,
  type DeviceCode,
  type DevicePollAnswer,
  type DevicePollRequest,
  type ZohoDeviceClient,
} from '../../../../main/core/zoho/device-client.js';
import { startZohoSimulator, type ZohoSimulator } from '../../../support/zoho-simulator.js';
import { FakeClock, T0 } from '../../../support/fakes.js';
import { rejection } from '../../../support/typed-errors.js';

const INTERVAL = 5_000;
const LIFETIME = 300_000;
const CONNECTION = {
  name: 'acme-crm',
  accountsUrl: 'https://accounts.zoho.com',
  clientId: '1000.DEVICE',
  scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.READ'],
};
const TOKENS = {
  accessToken: 'at',
  refreshToken: 'rt',
  expiresAt: T0 + 3_600_000,
  tokenType: 'Bearer',
};

class ScriptedDevice implements ZohoDeviceClient {
  readonly polls: (DevicePollRequest & { at: number })[] = [];
  codes = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly answers: DevicePollAnswer[],
    private readonly code: Partial<DeviceCode> = {},
  ) {}
  async requestCode(): Promise<DeviceCode> {
    this.codes += 1;
    return {
      userCode: 'WXYZ-2345',
      deviceCode: 'secret-device-code',
      verificationUrl: 'https://accounts.zoho.com/oauth/v3/device',
      intervalMs: INTERVAL,
      expiresInMs: LIFETIME,
      expiresAt: this.clock.now() + LIFETIME,
      ...this.code,
    };
  }
  async poll(request: DevicePollRequest): Promise<DevicePollAnswer> {
    this.polls.push({ ...request, at: this.clock.now() });
    return this.answers.shift() ?? { status: 'pending' };
  }
}

function setUp(answers: DevicePollAnswer[], extra: Partial<DeviceAuthorizationOptions> = {}) {
  const clock = new FakeClock();
  const waits: number[] = [];
  const steps: DeviceAuthorizationProgress[] = [];
  const device = new ScriptedDevice(clock, answers);
  const run = runDeviceAuthorization({
    device,
    connection: CONNECTION,
    clientSecret: 'client-secret',
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    onProgress: (step) => steps.push(step),
    ...extra,
  });
  return { run, device, waits, steps, clock };
}

describe('runDeviceAuthorization', () => {
  it('shows the invitation, then polls once per interval until the tokens come', async () => {
    const { run, device, waits, steps } = setUp([
      { status: 'pending' },
      { status: 'pending' },
      { status: 'granted', tokens: TOKENS },
    ]);
    const result = await run;
    expect(result).toEqual({ tokens: TOKENS, accountsUrl: CONNECTION.accountsUrl });
    // The first poll waits a whole interval too.
    expect(waits).toEqual([INTERVAL, INTERVAL, INTERVAL]);
    expect(device.polls.map((p) => p.at)).toEqual([T0 + 5_000, T0 + 10_000, T0 + 15_000]);
    expect(device.polls[0]).toMatchObject({
      clientSecret: 'client-secret',
      deviceCode: 'secret-device-code',
    });
    const code = steps.find((s) => s.step === 'code');
    expect(code).toEqual({
      step: 'code',
      browserOpened: false,
      invitation: {
        userCode: 'WXYZ-2345',
        verificationUrl: 'https://accounts.zoho.com/oauth/v3/device',
        expiresAt: T0 + LIFETIME,
        expiresInMs: LIFETIME,
        message:
          'Open https://accounts.zoho.com/oauth/v3/device, sign in with the Zoho account of your organisation, ' +
          'enter WXYZ-2345 and press Accept. This gives acme-crm these permissions: ZohoCRM.modules.ALL, ' +
          'AaaServer.profile.READ. The code works for 5 minutes.',
      },
    });
    expect(steps.map((s) => s.step)).toEqual([
      'requesting-code',
      'code',
      'polling',
      'polling',
      'polling',
      'approved',
    ]);
  });

  it('backs off on slow_down to at least 30 seconds, growing with each one', async () => {
    const { run, waits } = setUp([
      { status: 'slow_down' },
      { status: 'pending' },
      { status: 'slow_down' },
      { status: 'granted', tokens: TOKENS },
    ]);
    await run;
    expect(waits).toEqual([
      INTERVAL,
      SLOW_DOWN_INTERVAL_MS,
      SLOW_DOWN_INTERVAL_MS,
      SLOW_DOWN_INTERVAL_MS + 5_000,
    ]);
  });

  it("follows other_dc to the user's data centre and reports it", async () => {
    const { run, device, steps } = setUp([
      { status: 'other_dc', userLocation: 'EU' },
      { status: 'granted', tokens: TOKENS },
    ]);
    const result = await run;
    expect(device.polls.map((p) => p.accountsUrl)).toEqual([
      'https://accounts.zoho.com',
      'https://accounts.zoho.eu',
    ]);
    expect(result).toMatchObject({ accountsUrl: 'https://accounts.zoho.eu', location: 'eu' });
    expect(steps).toContainEqual({
      step: 'other-dc',
      location: 'eu',
      accountsUrl: 'https://accounts.zoho.eu',
    });
  });

  it('sends nothing to a data centre it does not know', async () => {
    const { run, device } = setUp([{ status: 'other_dc', userLocation: 'https://evil.example' }]);
    const error = await rejection(run);
    expect(error.code).toBe('unknown_user_dc');
    expect(device.polls).toHaveLength(1);
  });

  it("keeps polling a connection's custom accounts server after other_dc", async () => {
    const custom = 'http://127.0.0.1:9999';
    const clock = new FakeClock();
    const device = new ScriptedDevice(clock, [
      { status: 'other_dc', userLocation: 'in' },
      { status: 'granted', tokens: TOKENS },
    ]);
    const result = await runDeviceAuthorization({
      device,
      connection: { ...CONNECTION, accountsUrl: custom, customAccountsUrl: custom },
      clientSecret: 's',
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    expect(device.polls.map((p) => p.accountsUrl)).toEqual([custom, custom]);
    expect(result).toMatchObject({ accountsUrl: custom, location: 'in' });
  });

  it('ends with access_denied (refused, like a declined sign-in) when the admin rejects', async () => {
    const { run } = setUp([{ status: 'pending' }, { status: 'denied' }]);
    const error = await rejection(run);
    expect(error.code).toBe('access_denied');
    expect(error.category).toBe('refused');
    expect(error.remedy).toMatch(/new code/i);
    expect(error.cliHint).toBe('token-desk authorize acme-crm');
  });

  it('ends with device_code_expired when Zoho says expired', async () => {
    const { run } = setUp([{ status: 'expired' }]);
    const error = await rejection(run);
    expect(error.code).toBe('device_code_expired');
    expect(error.category).toBe('refused');
    expect(error.message).toContain('5 minutes');
  });

  it('stops at the expiry of the code by its own clock, without a poll faster than the interval', async () => {
    const { run, device, waits, clock } = setUp([]);
    const error = await rejection(run);
    expect(error.code).toBe('device_code_expired');
    expect(clock.now()).toBe(T0 + LIFETIME);
    // 59 full intervals were polled; the 60th wait ended at the expiry, with no poll after it.
    expect(device.polls).toHaveLength(LIFETIME / INTERVAL - 1);
    expect(waits.every((ms) => ms === INTERVAL)).toBe(true);
  });

  it('ends at the timeout (exit as an unfinished sign-in) without polling after it', async () => {
    const { run, device, clock } = setUp([], { timeoutMs: 12_000 });
    const error = await rejection(run);
    expect(error.code).toBe('authorization_timeout');
    expect(error.category).toBe('auth');
    expect(error.message).toContain('12 seconds');
    expect(clock.now()).toBe(T0 + 12_000);
    expect(device.polls.map((p) => p.at)).toEqual([T0 + 5_000, T0 + 10_000]);
  });

  it('stops at once when its signal aborts (a new code in the window)', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    const device = new ScriptedDevice(clock, []);
    const run = runDeviceAuthorization({
      device,
      connection: CONNECTION,
      clientSecret: 's',
      clock,
      // A sleep that never ends: only the abort can finish this wait.
      sleep: () => new Promise<void>(() => undefined),
      signal: controller.signal,
    });
    await Promise.resolve();
    controller.abort();
    const error = await rejection(run);
    expect(error.code).toBe('authorization_cancelled');
    expect(device.polls).toHaveLength(0);
  });

  it('opens the verification page when asked, and goes on if the browser does not open', async () => {
    const opened: string[] = [];
    const ok = setUp([{ status: 'granted', tokens: TOKENS }], {
      openBrowser: true,
      opener: { open: async (url) => void opened.push(url) },
    });
    await ok.run;
    expect(opened).toEqual(['https://accounts.zoho.com/oauth/v3/device']);
    expect(ok.steps.find((s) => s.step === 'code')).toMatchObject({ browserOpened: true });
    const broken = setUp([{ status: 'granted', tokens: TOKENS }], {
      openBrowser: true,
      opener: { open: async () => Promise.reject(new Error('no display')) },
    });
    await broken.run;
    expect(broken.steps.find((s) => s.step === 'code')).toMatchObject({ browserOpened: false });
  });

  it('a throwing progress listener does not end the sign-in', async () => {
    const { run } = setUp([{ status: 'granted', tokens: TOKENS }], {
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    await expect(run).resolves.toMatchObject({ tokens: TOKENS });
  });
});

describe('invitationMessage', () => {
  it('names the page, the code, the permissions and how long the code works', () => {
    expect(
      invitationMessage({
        connectionName: 'acme',
        verificationUrl: 'https://accounts.zoho.eu/oauth/v3/device',
        userCode: 'ABCD-EFGH',
        scopes: ['ZohoBooks.fullaccess.all'],
        expiresInMs: 90_000,
      }),
    ).toBe(
      'Open https://accounts.zoho.eu/oauth/v3/device, sign in with the Zoho account of your organisation, ' +
        'enter ABCD-EFGH and press Accept. This gives acme these permissions: ZohoBooks.fullaccess.all. ' +
        'The code works for 90 seconds.',
    );
  });
});

describe('against the Zoho simulator', () => {
  let sim: ZohoSimulator;
  afterEach(() => sim.close());

  async function start(options: { minPollGapMs: number }) {
    sim = await startZohoSimulator({
      deviceIntervalMs: INTERVAL,
      deviceMinPollGapMs: options.minPollGapMs,
      deviceCodeTtlMs: LIFETIME,
    });
    sim.registerClient({
      clientId: '1000.DEVICE',
      clientSecret: 'device-secret-xyz',
      type: 'device',
    });
    const clock = new FakeClock();
    const waits: number[] = [];
    let userCode: string | undefined;
    let consent: Promise<void> | undefined;
    const run = runDeviceAuthorization({
      device: createZohoDeviceClient({ clock }),
      connection: {
        ...CONNECTION,
        accountsUrl: sim.accountsUrl,
        customAccountsUrl: sim.accountsUrl,
      },
      clientSecret: 'device-secret-xyz',
      clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
        sim.advanceTime(ms);
        // The admin accepts during the second wait.
        if (waits.length === 2 && userCode !== undefined)
          consent = sim.deviceConsent(userCode, 'accept');
        await consent;
      },
      onProgress: (step) => {
        if (step.step === 'code') userCode = step.invitation.userCode;
      },
    });
    return { run, waits };
  }

  it('gets the tokens after the admin accepts', async () => {
    const { run, waits } = await start({ minPollGapMs: INTERVAL });
    const result = await run;
    expect(result.tokens.refreshToken).toMatch(/^1000\./);
    expect(result.tokens.apiDomain).toBe(sim.apiDomain);
    expect(waits).toEqual([INTERVAL, INTERVAL]);
    expect(sim.stats.deviceCalls).toEqual({ code: 1, token: 2 });
    expect(sim.stats.secretsInQuery).toBe(0);
  });

  it('slows down when Zoho wants one poll per 30 seconds, and then gets through', async () => {
    const { run, waits } = await start({ minPollGapMs: 30_000 });
    await run;
    // Second poll 5 s after the first: slow_down; from then on 30 s apart.
    expect(waits).toEqual([INTERVAL, INTERVAL, SLOW_DOWN_INTERVAL_MS]);
  });
});
