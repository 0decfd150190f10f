import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REDIRECT } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

describe('new-connection wizard: Server-based client', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the exact redirect URI with a copy button, waits with progress, cancels, then succeeds', async () => {
    const { user, fake } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-server'));
    expect(
      within(screen.getByTestId('wizard-help-server')).getByTestId('wizard-redirect-help'),
    ).toHaveTextContent(DEFAULT_REDIRECT);
    await user.type(screen.getByLabelText(/Connection name/), 'globex-crm');
    await user.selectOptions(screen.getByLabelText('Data centre'), 'in');
    await user.type(screen.getByLabelText(/Client ID/), '1000.SERVERID');
    await user.type(screen.getByLabelText(/Client secret/), 'server-secret');
    await user.click(screen.getByTestId('wizard-next'));

    await screen.findByText('No scopes chosen yet.');
    await user.click(screen.getByTestId('wizard-next'));
    expect(screen.getByTestId('wizard-scope-hint')).toHaveTextContent('Choose at least one scope');
    // Pick from the catalog: product -> family -> operation.
    await user.click(await screen.findByTestId('catalog-product-crm'));
    await user.click(screen.getByLabelText('ZohoCRM.org.READ'));
    expect(await screen.findByTestId('wizard-scopes-chosen')).toHaveTextContent('ZohoCRM.org.READ');
    // "Sign in with Zoho" on the scopes step starts the sign-in at once.
    expect(screen.getByTestId('wizard-next')).toHaveTextContent('Sign in with Zoho');
    await user.click(screen.getByTestId('wizard-next'));

    // Step 3: the exact URI, copyable.
    expect(await screen.findByTestId('wizard-redirect-uri')).toHaveTextContent(DEFAULT_REDIRECT);
    await user.click(screen.getByTestId('wizard-redirect-uri-copy'));
    expect(await navigator.clipboard.readText()).toBe(DEFAULT_REDIRECT);

    // Sign in: waiting state driven by authorization.progress events.
    const waiting = await screen.findByTestId('wizard-waiting');
    expect(within(waiting).getByText(/Your browser has opened the Zoho page/)).toHaveAttribute(
      'role',
      'status',
    );
    // Listening and signing in are reached; the exchange is not yet.
    expect(within(waiting).getByTestId('wizard-step-listening')).toHaveAttribute('data-active');
    expect(within(waiting).getByTestId('wizard-step-sign-in')).toHaveAttribute('data-active');
    expect(within(waiting).getByTestId('wizard-step-exchanging')).not.toHaveAttribute(
      'data-active',
    );
    // Which are done: listening is (a check mark, "done" for screen readers); signing in is the
    // current step.
    expect(within(waiting).getByTestId('wizard-step-listening')).toHaveAttribute('data-done');
    expect(within(waiting).getByTestId('wizard-step-listening')).toHaveTextContent(
      'Ready to receive Zoho’s answer (done)',
    );
    expect(within(waiting).getByTestId('wizard-step-sign-in')).not.toHaveAttribute('data-done');
    expect(within(waiting).getByTestId('wizard-step-sign-in')).toHaveAttribute(
      'aria-current',
      'step',
    );
    expect(within(waiting).getByTestId('wizard-authorize-url')).toHaveTextContent(
      'https://accounts.zoho.in/oauth/v2/auth?client_id=1000.SERVERID',
    );
    expect(within(waiting).getByText(/If no browser window opened/)).toBeInTheDocument();
    expect(waiting).toHaveTextContent('stops waiting in 5:00');
    expect(fake.callsOf('connections.authorizeServer')).toEqual([
      { name: 'globex-crm', timeoutSeconds: 300 },
    ]);
    expect(fake.callsOf('connections.add')[0]).toMatchObject({
      name: 'globex-crm',
      dc: 'in',
      clientType: 'server',
      redirectUri: DEFAULT_REDIRECT,
      scopes: ['ZohoCRM.org.READ'],
    });

    await user.click(within(waiting).getByTestId('wizard-cancel'));
    expect(await screen.findByTestId('wizard-cancelled')).toBeInTheDocument();
    expect(fake.callsOf('connections.cancelAuthorization')).toHaveLength(1);

    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByTestId('wizard-waiting');
    // Zoho answered: the timeline moves on to the exchange, and Cancel no longer applies.
    act(() => fake.serverCallbackArrived());
    expect(screen.getByTestId('wizard-status')).toHaveTextContent(
      'Zoho answered; Token Desk is exchanging the code for tokens',
    );
    expect(screen.getByTestId('wizard-step-exchanging')).toHaveAttribute('data-active');
    expect(screen.getByTestId('wizard-step-sign-in')).toHaveAttribute('data-done');
    expect(screen.getByTestId('wizard-cancel')).toBeDisabled();
    expect(screen.queryByTestId('wizard-authorize-url')).not.toBeInTheDocument();
    act(() => fake.completeServerAuthorization());
    const success = await screen.findByTestId('wizard-success');
    expect(within(success).getByTestId('success-dc')).toHaveTextContent('India');
    expect(within(success).getByTestId('success-scopes')).toHaveTextContent('ZohoCRM.org.READ');
    // This time Zoho listed what it granted.
    expect(within(success).getByTestId('success-scopes-label')).toHaveTextContent('Scopes granted');
    expect(within(success).queryByTestId('success-scopes-note')).not.toBeInTheDocument();
    expect(fake.callsOf('connections.add')).toHaveLength(1);
    expect(fake.protocolErrors).toEqual([]);
  });

  it('when the browser was not opened, says so and gives the sign-in address to open by hand', async () => {
    const { user, fake } = await renderApp({ shell: 'browser' });
    fake.browserOpens = false;
    // The browser blocked the tab "Sign in with Zoho" opens, so Token Desk asked main to open one.
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-server'));
    await user.type(screen.getByLabelText(/Connection name/), 'globex');
    await user.type(screen.getByLabelText(/Client ID/), '1000.SERVERID');
    await user.type(screen.getByLabelText(/Client secret/), 'server-secret');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.click(screen.getByTestId('wizard-next'));
    const waiting = await screen.findByTestId('wizard-waiting');
    expect(open).toHaveBeenCalledTimes(1);
    expect(fake.callsOf('connections.authorizeServer')[0]).not.toHaveProperty('openBrowser');

    expect(within(waiting).getByTestId('wizard-status')).toHaveTextContent(
      'Your browser was not opened for you: open the address below in your browser',
    );
    expect(waiting).not.toHaveTextContent('Your browser has opened the Zoho page');
    expect(waiting).not.toHaveTextContent('If no browser window opened');
    expect(within(waiting).getByText('Zoho sign-in address')).toBeInTheDocument();
    const url = 'https://accounts.zoho.com/oauth/v2/auth?client_id=1000.SERVERID&state=xyz';
    expect(within(waiting).getByTestId('wizard-authorize-url')).toHaveTextContent(url);
    await user.click(within(waiting).getByTestId('wizard-authorize-url-copy'));
    expect(await navigator.clipboard.readText()).toBe(url);
    // Browser mode can open it in a new tab of the same browser.
    const openLink = within(waiting).getByTestId('wizard-open-sign-in');
    expect(openLink).toHaveAttribute('href', url);
    expect(openLink).toHaveAttribute('target', '_blank');
    expect(openLink.getAttribute('rel')).toContain('noopener');
  });

  it('shows a timeout with its message and remedy, and offers to try again', async () => {
    const { user, fake } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-server'));
    await user.type(screen.getByLabelText(/Connection name/), 'globex');
    await user.type(screen.getByLabelText(/Client ID/), '1000.SERVERID');
    await user.type(screen.getByLabelText(/Client secret/), 'server-secret');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-waiting');
    expectEveryFieldLabelled();

    act(() =>
      fake.failServerAuthorization({
        code: 'authorization_timeout',
        message: 'No answer came back from the Zoho sign-in page within 5 minutes.',
        remedy:
          'Start again and finish signing in within 5 minutes; check that the redirect URI is registered exactly.',
      }),
    );
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'No answer came back from the Zoho sign-in page within 5 minutes.',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent(
      'check that the redirect URI is registered exactly',
    );
    expect(screen.getByTestId('wizard-authorize')).toHaveTextContent('Try again');
  });

  it('cancels a pending sign-in when the user leaves the wizard', async () => {
    const { user, fake } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-server'));
    await user.type(screen.getByLabelText(/Connection name/), 'globex');
    await user.type(screen.getByLabelText(/Client ID/), '1000.SERVERID');
    await user.type(screen.getByLabelText(/Client secret/), 'server-secret');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-waiting');
    await user.click(screen.getByTestId('wizard-cancel-wizard'));
    expect(fake.callsOf('connections.cancelAuthorization')).toHaveLength(1);
    expect(fake.serverAuthorizationPending).toBe(false);
    // The sign-in was cancelled before the unauthorized connection was removed.
    await screen.findByTestId('empty-state');
    const order = fake
      .methodsCalled()
      .filter((m) => m === 'connections.cancelAuthorization' || m === 'connections.remove');
    expect(order).toEqual(['connections.cancelAuthorization', 'connections.remove']);
    expect(fake.connections).toEqual([]);
  });
});
