// The wizard's "Invite the client's admin" path (device flow) against the fake rpc: the code shown
// large with its address, message and countdown from 'authorization.device' events; "New code"
// starts a new wait without showing the superseded one as stopped; the connection appears when
// the wait resolves.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../main/rpc/contract.js';
import { RpcFailure } from '../../../renderer/src/rpc/client.js';
import { T0 } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const URL_ = 'https://accounts.zoho.com/oauth/v3/device';

describe('new-connection wizard: Non-browser application', () => {
  it('shows the code, the message and a countdown, gets a new code, and finishes when the admin accepts', async () => {
    const { user, fake, clock } = await renderApp();
    const waits: ReturnType<typeof deferred<ConnectionView>>[] = [];
    fake.handle('connections.authorizeDevice', () => {
      const wait = deferred<ConnectionView>();
      waits.push(wait);
      return wait.promise;
    });

    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-device'));
    expect(screen.getByTestId('wizard-help-device')).toHaveTextContent('Non-browser Applications');
    await user.type(screen.getByLabelText(/Connection name/), 'initech');
    await user.type(screen.getByLabelText(/Client ID/), '1000.DEVICEID');
    await user.type(screen.getByLabelText(/Client secret/), 'device-secret');
    await user.click(screen.getByTestId('wizard-next'));

    await screen.findByText('No scopes chosen yet.');
    await user.click(screen.getByTestId('wizard-next'));
    // Zoho shows the admin these scopes: there must be some.
    expect(screen.getByTestId('wizard-scope-hint')).toHaveTextContent('Choose at least one scope');
    await user.click(await screen.findByTestId('catalog-product-crm'));
    await user.click(screen.getByLabelText('ZohoCRM.org.READ'));
    expect(await screen.findByTestId('wizard-scopes-chosen')).toHaveTextContent('ZohoCRM.org.READ');
    await user.click(screen.getByTestId('wizard-next'));

    await user.click(await screen.findByTestId('wizard-device-start'));
    expect(fake.callsOf('connections.authorizeDevice')).toEqual([{ name: 'initech' }]);
    expect(await screen.findByTestId('wizard-status')).toHaveTextContent('Asking Zoho for a code');
    act(() =>
      fake.emit('authorization.device', {
        name: 'initech',
        step: 'code',
        userCode: 'ABCD-EFGH',
        verificationUrl: URL_,
        message: `Open ${URL_}, sign in … enter ABCD-EFGH and press Accept.`,
        expiresAt: T0 + 300_000,
      }),
    );
    expect(await screen.findByTestId('wizard-device-code')).toHaveTextContent('ABCD-EFGH');
    expect(screen.getByTestId('wizard-device-url')).toHaveTextContent(URL_);
    expect(screen.getByTestId('wizard-device-message')).toHaveTextContent('enter ABCD-EFGH');
    expect(screen.getByTestId('wizard-status')).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('wizard-device-countdown')).toHaveTextContent('5:00');
    clock.advance(61_000);
    expect(screen.getByTestId('wizard-device-countdown')).toHaveTextContent('3:59');
    expectEveryFieldLabelled(screen.getByTestId('wizard-device-waiting'));
    await user.click(screen.getByRole('button', { name: 'Copy message for the admin' }));
    expect(await navigator.clipboard.readText()).toBe(
      `Open ${URL_}, sign in … enter ABCD-EFGH and press Accept.`,
    );

    // New code: a second wait; the first ends as cancelled, which this screen does not report.
    await user.click(screen.getByTestId('wizard-device-new-code'));
    expect(fake.callsOf('connections.authorizeDevice')).toHaveLength(2);
    await act(async () => {
      waits[0]!.reject(
        new RpcFailure({
          code: 'authorization_cancelled',
          message: 'The authorization was cancelled before the code was accepted.',
          remedy: 'Get a new code when you are ready.',
        }),
      );
      await waits[0]!.promise.catch(() => undefined);
    });
    expect(screen.queryByTestId('wizard-cancelled')).toBeNull();
    act(() =>
      fake.emit('authorization.device', {
        name: 'initech',
        step: 'code',
        userCode: 'WXYZ-2345',
        verificationUrl: URL_,
        message: 'enter WXYZ-2345',
        expiresAt: clock.now() + 300_000,
      }),
    );
    expect(await screen.findByTestId('wizard-device-code')).toHaveTextContent('WXYZ-2345');
    act(() =>
      fake.emit('authorization.device', { name: 'initech', step: 'other-dc', location: 'eu' }),
    );
    expect(screen.getByTestId('wizard-status')).toHaveTextContent('EU data centre');

    const added = fake.connections.find((c) => c.name === 'initech')!;
    expect(added.clientType).toBe('device');
    await act(async () => {
      waits[1]!.resolve({ ...added, status: 'ready', location: 'eu' });
      await waits[1]!.promise;
    });
    expect(await screen.findByTestId('wizard-success')).toBeInTheDocument();
    expect(within(screen.getByTestId('wizard')).queryByTestId('wizard-device-waiting')).toBeNull();
    // The whole wizard in one test: slow on a busy machine.
  }, 60_000);
});
