import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../main/rpc/contract.js';
import {
  FAKE_ACCESS_TOKEN,
  MASKED_TOKEN,
  makeConnection,
  type FakeRpc,
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

type Samples = FakeRpc['samples'];
type Products = Result<'catalog.products'>;

async function openBuilder(
  options: FakeRpcOptions & { samples?: Samples; products?: Products } = {},
) {
  const app = await renderApp({ connections: [crm], ...options });
  if (options.samples) app.fake.samples = options.samples;
  if (options.products) {
    const products = options.products;
    app.fake.handle('catalog.products', () => products);
  }
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

  it('brings each response into view once it arrives, so its status shows without scrolling', async () => {
    const { user } = await openBuilder();
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    try {
      await user.type(screen.getByLabelText(/^URL/), '/crm/v8/users');
      expect(scrolled).not.toHaveBeenCalled();
      await user.click(screen.getByTestId('request-send'));
      await screen.findByTestId('response-status');
      const panel = screen.getByTestId('response-panel');
      expect(panel).toContainElement(screen.getByTestId('response-status'));
      expect(scrolled.mock.contexts).toContain(panel);
      expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest' });
    } finally {
      scrolled.mockRestore();
    }
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
    expect(await screen.findByText(/Copied as cURL. The token is a placeholder/)).toHaveTextContent(
      'in the terminal, first run export ZOHO_ACCESS_TOKEN=$(token-desk token acme-crm)',
    );
    expect(await navigator.clipboard.readText()).toContain('$ZOHO_ACCESS_TOKEN');
    expect(fake.callsOf('requests.curl')[0]).toMatchObject({
      name: 'acme-crm',
      includeToken: false,
      request: { pathOrUrl: '/crm/v8/org' },
    });
  });

  const deskAndSign: Products = [
    {
      id: 'crm',
      name: 'Zoho CRM',
      servicePrefix: 'ZohoCRM',
      scopes: [],
      presets: [],
    },
    {
      id: 'desk',
      name: 'Zoho Desk',
      servicePrefix: 'Desk',
      scopes: [],
      presets: [],
      orgContext: {
        kind: 'header',
        name: 'orgId',
        label: 'Organization ID',
        whereInUi: 'In Desk: Setup > Developer Space > API.',
      },
    },
    { id: 'sign', name: 'Zoho Sign', servicePrefix: 'ZohoSign', scopes: [], presets: [] },
  ];

  it('sends the product a sample is for, and the product and organization ID the user chose', async () => {
    const { user, fake } = await openBuilder({
      products: deskAndSign,
      samples: [
        {
          id: 'desk-tickets',
          product: 'desk',
          label: 'Latest tickets',
          method: 'GET',
          path: '/api/v1/tickets?limit=5',
          scope: 'Desk.tickets.READ',
          needsOrg: true,
        },
      ],
    });
    expectEveryFieldLabelled();
    const product = screen.getByLabelText(/^Product/);
    expect(product).toHaveValue('');
    expect(
      within(product).getByRole('option', { name: 'Auto (from the path)' }),
    ).toBeInTheDocument();

    await user.selectOptions(
      screen.getByLabelText('Sample requests for the granted scopes'),
      'Latest tickets (desk)',
    );
    expect(product).toHaveValue('desk');
    expect(screen.getByLabelText(/^URL/)).toHaveValue('/api/v1/tickets?limit=5');
    expect(
      screen.getByText(/Zoho Desk takes its Organization ID in the orgId header/),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Organization ID/), '20071234');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('response-status');
    expect(fake.callsOf('requests.send')[0]!.request).toEqual({
      method: 'GET',
      pathOrUrl: '/api/v1/tickets?limit=5',
      query: [],
      headers: [],
      product: 'desk',
      orgId: '20071234',
    });

    // Chosen by hand, from the keyboard: Sign for a path Desk and Sign share.
    await user.clear(screen.getByLabelText(/^URL/));
    await user.type(screen.getByLabelText(/^URL/), '/api/v1/requests');
    product.focus();
    await user.selectOptions(product, 'Zoho Sign');
    // Sign takes no organization ID: the Desk one is not sent along.
    expect(screen.getByLabelText(/^Organization ID/)).toBeDisabled();
    expect(screen.getByLabelText(/^Organization ID/)).toHaveValue('');
    expect(screen.getByText('Zoho Sign needs no organization ID.')).toBeInTheDocument();
    await user.click(screen.getByTestId('request-send'));
    await screen.findByText(
      (_, el) =>
        el?.getAttribute('data-testid') === 'request-history' &&
        el.querySelectorAll('tbody tr').length === 2,
    );
    expect(fake.callsOf('requests.send')[1]!.request).toMatchObject({
      pathOrUrl: '/api/v1/requests',
      product: 'sign',
    });
    expect(fake.callsOf('requests.send')[1]!.request).not.toHaveProperty('orgId');
    expect(fake.protocolErrors).toEqual([]);
  });

  it("applies a sample's headers and known path values, and asks for the values it lacks", async () => {
    const teams = {
      id: 'workdrive-teams',
      product: 'workdrive' as const,
      label: 'Your WorkDrive teams',
      method: 'GET' as const,
      path: '/workdrive/api/v1/users/{zuid}/teams',
      scope: 'WorkDrive.team.READ',
      headers: [['Accept', 'application/vnd.api+json']] as Array<[string, string]>,
    };
    const { user, fake } = await openBuilder({
      samples: [
        {
          ...teams,
          params: [{ name: 'zuid', description: 'Your Zoho user ID (ZUID)', value: '700001' }],
        },
        {
          ...teams,
          id: 'unknown-zuid',
          label: 'Teams of a user',
          params: [{ name: 'zuid', description: 'Your Zoho user ID (ZUID)' }],
        },
      ],
    });
    const picker = screen.getByLabelText('Sample requests for the granted scopes');
    await user.selectOptions(picker, 'Your WorkDrive teams (workdrive)');
    expect(screen.getByLabelText(/^URL/)).toHaveValue('/workdrive/api/v1/users/700001/teams');
    await user.click(screen.getByRole('tab', { name: /Headers/ }));
    expect(screen.getByLabelText('Header 1 name')).toHaveValue('Accept');
    expect(screen.getByLabelText('Header 1 value')).toHaveValue('application/vnd.api+json');
    await user.click(screen.getByTestId('request-send'));
    await screen.findByTestId('response-status');
    expect(fake.callsOf('requests.send')[0]!.request).toMatchObject({
      pathOrUrl: '/workdrive/api/v1/users/700001/teams',
      headers: [['Accept', 'application/vnd.api+json']],
      product: 'workdrive',
    });

    await user.selectOptions(picker, 'Teams of a user (workdrive)');
    expect(screen.getByLabelText(/^URL/)).toHaveValue('/workdrive/api/v1/users/{zuid}/teams');
    expect(screen.getByTestId('request-param-note')).toHaveTextContent(
      'Replace {zuid} in the URL: Your Zoho user ID (ZUID).',
    );
    await user.click(screen.getByTestId('request-send'));
    expect(screen.getByTestId('request-blocked')).toHaveTextContent(
      'Replace {zuid} in the URL first',
    );
    expect(fake.callsOf('requests.send')).toHaveLength(1);
    const url = screen.getByLabelText(/^URL/);
    await user.clear(url);
    await user.type(url, '/workdrive/api/v1/users/42/teams');
    expect(screen.queryByTestId('request-param-note')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('request-send'));
    await screen.findByText(
      (_, el) =>
        el?.getAttribute('data-testid') === 'request-history' &&
        el.querySelectorAll('tbody tr').length === 2,
    );
  });

  it('on a scope mismatch the catalog cannot name, asks for the scope, checks it, then re-authorizes with it', async () => {
    const { user, fake } = await openBuilder();
    fake.handle('requests.send', () => ({
      url: 'https://www.zohoapis.com/crm/v8/some_new_api',
      status: 401,
      statusText: 'Unauthorized',
      headers: [],
      body: '{"code":"OAUTH_SCOPE_MISMATCH","message":"invalid oauth scope to access this URL","status":"error"}',
      sizeBytes: 97,
      durationMs: 80,
      retriedAfterRefresh: false,
      scopeMismatch: true,
    }));
    await user.type(screen.getByLabelText(/^URL/), '/crm/v8/some_new_api');
    await user.click(screen.getByTestId('request-send'));
    const alert = await screen.findByTestId('scope-mismatch-unknown');
    expect(alert).toHaveTextContent('Zoho refused this request because the token lacks a scope');
    expect(screen.queryByTestId('scope-mismatch')).not.toBeInTheDocument();
    expectEveryFieldLabelled();

    const field = within(alert).getByLabelText(/^Missing scope/);
    await user.type(field, 'ZohoCRM.settings');
    await user.keyboard('{Enter}');
    expect(
      await within(alert).findByText(/is not a Zoho scope: a scope has the form/),
    ).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(fake.callsOf('connections.authorizeServer')).toEqual([]);

    await user.clear(field);
    await user.type(field, 'zohocrm.settings.fields.read');
    await user.click(within(alert).getByTestId('reauthorize-with-typed-scope'));
    const dialog = await screen.findByRole('dialog', { name: 'Re-authorize acme-crm' });
    await user.click(within(dialog).getByTestId('reauth-authorize'));
    await within(dialog).findByTestId('reauth-waiting');
    expect(fake.callsOf('connections.authorizeServer')).toEqual([
      { name: 'acme-crm', timeoutSeconds: 300, addScopes: ['zohocrm.settings.fields.READ'] },
    ]);
  });

  it('asks for the Projects portal ID before sending a path that needs it', async () => {
    const { user, fake } = await openBuilder({
      products: [
        {
          id: 'projects',
          name: 'Zoho Projects',
          servicePrefix: 'ZohoProjects',
          scopes: [],
          presets: [],
          orgContext: {
            kind: 'path',
            name: 'portal_id',
            label: 'Portal ID',
            whereInUi: 'In Projects, the number after /portal/ in the address bar.',
          },
        },
      ],
      samples: [
        {
          id: 'projects-projects',
          product: 'projects',
          label: 'Projects in your portal',
          method: 'GET',
          path: '/restapi/portal/{portal_id}/projects/',
          scope: 'ZohoProjects.projects.READ',
          needsOrg: true,
        },
      ],
    });
    await user.selectOptions(
      screen.getByLabelText('Sample requests for the granted scopes'),
      'Projects in your portal (projects)',
    );
    await user.click(screen.getByTestId('request-send'));
    expect(screen.getByTestId('request-blocked')).toHaveTextContent(
      'Type the Portal ID under Organization ID first: it replaces {portal_id} in the URL.',
    );
    expect(fake.callsOf('requests.send')).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Organization ID/), '7001');
    await user.click(screen.getByTestId('request-send'));
    await screen.findByTestId('response-status');
    expect(fake.callsOf('requests.send')[0]!.request).toMatchObject({
      pathOrUrl: '/restapi/portal/{portal_id}/projects/',
      product: 'projects',
      orgId: '7001',
    });
  });
});
