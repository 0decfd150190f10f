import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  FAKE_ACCESS_TOKEN,
  MASKED_TOKEN,
  makeConnection,
  type FakeRpcOptions,
} from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

const crm = makeConnection({
  name: 'acme-crm',
  clientType: 'server',
  redirectUri: 'http://localhost:53134/callback',
  scopes: ['ZohoCRM.modules.ALL'],
  grantedScopes: ['ZohoCRM.modules.ALL'],
});

async function openBuilder(options: FakeRpcOptions = {}) {
  const app = await renderApp({ connections: [crm], ...options });
  await app.user.click(screen.getByTestId('connection-item-acme-crm'));
  await app.user.click(await screen.findByTestId('tab-requests'));
  await screen.findByTestId('request-builder');
  return app;
}

describe('request builder', () => {
  it('sends with Ctrl+Enter and shows status, time, size and pretty JSON', async () => {
    const { user, fake } = await openBuilder();
    expectEveryFieldLabelled();
    await user.type(screen.getByLabelText(/^URL/), '/crm/v8/users');
    await user.type(screen.getByLabelText('Query parameter 1 name'), 'type');
    await user.type(screen.getByLabelText('Query parameter 1 value'), 'CurrentUser');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('response-status')).toHaveTextContent('200 OK');
    expect(screen.getByTestId('response-time')).toHaveTextContent('142 ms');
    expect(screen.getByTestId('response-size')).toHaveTextContent('64 B');
    expect(screen.getByTestId('response-body').textContent).toBe(
      JSON.stringify({ users: [{ full_name: 'Ada Admin', email: 'ada@acme.example' }] }, null, 2),
    );
    expect(fake.callsOf('requests.send')).toEqual([
      {
        name: 'acme-crm',
        request: {
          method: 'GET',
          pathOrUrl: '/crm/v8/users',
          query: [['type', 'CurrentUser']],
          headers: [],
        },
      },
    ]);
    // History (without secrets) lists it, with replay.
    const history = await screen.findByTestId('request-history');
    expect(history).toHaveTextContent('/crm/v8/users');
    await user.click(within(history).getByRole('button', { name: 'Send again GET /crm/v8/users' }));
    await screen.findByText(
      (_, el) =>
        el?.getAttribute('data-testid') === 'request-history' &&
        el.querySelectorAll('tbody tr').length === 2,
    );
    expect(fake.callsOf('requests.send')).toHaveLength(2);

    // Search in the pretty JSON.
    await user.type(screen.getByLabelText('Search in the response'), 'ada');
    expect(screen.getByText('2 matches')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('response-body')).getAllByText(/ada/i, { selector: 'mark' }),
    ).toHaveLength(2);
  });

  it('shows Authorization masked in the headers table; the token is added in main', async () => {
    const { user } = await openBuilder();
    await user.click(screen.getByRole('tab', { name: /Headers/ }));
    expect(screen.getByTestId('request-auth-header')).toHaveTextContent(
      `Zoho-oauthtoken ${MASKED_TOKEN}`,
    );
    expect(document.body).not.toHaveTextContent(FAKE_ACCESS_TOKEN);
    await user.type(screen.getByLabelText('Header 1 name'), 'Authorization');
    expect(screen.getByText('Ignored: Token Desk adds Authorization itself.')).toBeInTheDocument();
  });

  it('blocks Send on an invalid JSON body, with a message', async () => {
    const { user, fake } = await openBuilder();
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    await user.type(screen.getByLabelText(/^URL/), '/crm/v8/Leads');
    await user.click(screen.getByRole('tab', { name: /Body/ }));
    await user.click(screen.getByLabelText(/JSON body/));
    await user.paste('{"data": [');
    expect(screen.getByLabelText(/JSON body/)).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByTestId('request-send'));
    expect(screen.getByTestId('request-blocked')).toHaveTextContent('The body is not valid JSON');
    expect(fake.callsOf('requests.send')).toHaveLength(0);

    await user.clear(screen.getByLabelText(/JSON body/));
    await user.paste('{"data":[{"Last_Name":"Lovelace"}]}');
    await user.click(screen.getByTestId('request-body-format'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('response-status');
    expect(fake.callsOf('requests.send')[0]!.request).toEqual({
      method: 'POST',
      pathOrUrl: '/crm/v8/Leads',
      query: [],
      headers: [],
      body: JSON.stringify({ data: [{ Last_Name: 'Lovelace' }] }, null, 2),
    });
  });

  it('on OAUTH_SCOPE_MISMATCH names the missing scope and offers to re-authorize with it added', async () => {
    const { user, fake } = await openBuilder();
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
    await user.type(screen.getByLabelText(/^URL/), '/crm/v8/org');
    await user.click(screen.getByTestId('request-send'));
    const mismatch = await screen.findByTestId('scope-mismatch');
    expect(within(mismatch).getByTestId('missing-scope')).toHaveTextContent('ZohoCRM.org.READ');
    expect(screen.getByTestId('response-status')).toHaveTextContent('401 Unauthorized');

    await user.click(within(mismatch).getByTestId('reauthorize-with-scope'));
    const dialog = await screen.findByRole('dialog', { name: 'Re-authorize acme-crm' });
    expect(dialog).toHaveTextContent('This authorization also asks for');
    await user.click(within(dialog).getByTestId('reauth-authorize'));
    await within(dialog).findByTestId('reauth-waiting');
    expect(fake.callsOf('connections.authorizeServer')).toEqual([
      { name: 'acme-crm', timeoutSeconds: 300, addScopes: ['ZohoCRM.org.READ'] },
    ]);
    act(() =>
      fake.completeServerAuthorization({
        grantedScopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'],
      }),
    );
    expect(await screen.findByTestId('connection-notice')).toHaveTextContent(
      'acme-crm is authorized with ZohoCRM.org.READ.',
    );
  });

  it('shows a failed send as message and remedy', async () => {
    const { user, fake } = await openBuilder();
    fake.fail('requests.send', {
      code: 'network_error',
      message: 'Could not reach www.zohoapis.com.',
      remedy: 'Check your internet connection or proxy, then send the request again.',
    });
    await user.type(screen.getByLabelText(/^URL/), '/crm/v8/org');
    await user.click(screen.getByTestId('request-send'));
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'Could not reach www.zohoapis.com.',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent(
      'Check your internet connection or proxy',
    );
  });

  it('loads sample requests for the granted scopes and copies cURL with a placeholder unless asked', async () => {
    const { user, fake } = await openBuilder();
    await user.selectOptions(
      await screen.findByLabelText('Sample requests for the granted scopes'),
      'Organization (crm)',
    );
    expect(screen.getByLabelText(/^URL/)).toHaveValue('/crm/v8/org');
    await user.click(screen.getByTestId('request-curl-menu'));
    await user.click(await screen.findByTestId('request-curl'));
    expect(
      await screen.findByText(/Copied as cURL. The token is a placeholder/),
    ).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toContain('$ZOHO_ACCESS_TOKEN');
    expect(fake.callsOf('requests.curl')[0]).toMatchObject({
      name: 'acme-crm',
      includeToken: false,
      request: { pathOrUrl: '/crm/v8/org' },
    });
  });
});
