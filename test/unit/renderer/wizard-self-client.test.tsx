import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeConnection, T0 } from './fake-rpc.js';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

const selfClientJson = (overrides: Record<string, unknown> = {}) =>
  new File(
    [
      JSON.stringify({
        scope: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
        expiry_time: T0 + 180_000,
        client_id: '1000.SELFCLIENTID',
        client_secret: 'self-client-secret',
        code: '1000.grantcode.abc',
        grant_type: 'authorization_code',
        ...overrides,
      }),
    ],
    'self_client.json',
    { type: 'application/json' },
  );

async function startWizard() {
  const app = await renderApp();
  await app.user.click(screen.getByTestId('empty-start'));
  await screen.findByTestId('wizard');
  return app;
}

describe('new-connection wizard: Self Client', () => {
  it('fills everything from a picked self_client.json, adds, authorizes and shows who and where', async () => {
    const { user, fake, clock } = await startWizard();
    expectEveryFieldLabelled();

    await user.upload(screen.getByTestId('wizard-file-input'), selfClientJson());
    expect(await screen.findByTestId('wizard-file-loaded')).toHaveTextContent('2 scopes');
    expect(screen.getByLabelText(/Client ID/)).toHaveValue('1000.SELFCLIENTID');
    expect(screen.getByLabelText(/Client secret/)).toHaveValue('self-client-secret');
    expect(screen.getByTestId('wizard-type-self')).toBeChecked();

    await user.type(screen.getByLabelText(/Connection name/), 'acme-crm');
    await user.type(screen.getByLabelText(/Client org/), 'Acme');
    await user.selectOptions(screen.getByLabelText('Data centre'), 'eu');
    await user.click(screen.getByTestId('wizard-next'));

    // Step 2: the code from the file, with its exact expiry; the file's scopes, checked by the
    // core, are one click away.
    expect(await screen.findByTestId('wizard-code')).toHaveValue('1000.grantcode.abc');
    await user.click(screen.getByTestId('wizard-scope-help-toggle'));
    const chosen = await screen.findByTestId('wizard-scopes-chosen');
    expect(chosen).toHaveTextContent('ZohoCRM.modules.ALL');
    expect(chosen).toHaveTextContent('ZohoCRM.users.READ');
    expectEveryFieldLabelled();
    expect(screen.getByTestId('wizard-code-countdown')).toHaveTextContent('expires in 3:00');
    clock.advance(60_000);
    expect(screen.getByTestId('wizard-code-countdown')).toHaveTextContent('expires in 2:00');
    expectEveryFieldLabelled();
    await user.click(screen.getByTestId('wizard-authorize'));

    const success = await screen.findByTestId('wizard-success');
    expect(within(success).getByTestId('success-user')).toHaveTextContent(
      'Ada Admin · ada@acme.example',
    );
    expect(within(success).getByTestId('success-org')).toHaveTextContent('Acme');
    expect(within(success).getByTestId('success-dc')).toHaveTextContent('Europe (zoho.eu)');
    expect(within(success).getByTestId('success-scopes')).toHaveTextContent('ZohoCRM.modules.ALL');
    expect(within(success).getByTestId('success-scopes')).toHaveTextContent('ZohoCRM.users.READ');
    // Zoho's answer listed no scopes: they are called requested, not granted.
    expect(within(success).getByTestId('success-scopes-label')).toHaveTextContent(
      'Scopes requested',
    );
    expect(within(success).getByTestId('success-scopes-note')).toHaveTextContent(
      'Zoho did not list what it granted',
    );
    expect(success).not.toHaveTextContent('Scopes granted');

    // What changes connections, in order (the read-only questions, the list and the
    // refresh-token warning, left out).
    const order = fake
      .methodsCalled()
      .filter(
        (m) =>
          m.startsWith('connections.') &&
          m !== 'connections.list' &&
          m !== 'connections.refreshTokenWarningForClient',
      );
    expect(order).toEqual(['connections.add', 'connections.authorizeSelfClient']);
    expect(fake.callsOf('connections.add')[0]).toMatchObject({
      name: 'acme-crm',
      dc: 'eu',
      clientType: 'self',
      clientId: '1000.SELFCLIENTID',
      clientSecret: 'self-client-secret',
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
      org: 'Acme',
    });
    expect(fake.callsOf('connections.authorizeSelfClient')[0]).toEqual({
      name: 'acme-crm',
      code: '1000.grantcode.abc',
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
    });
    expect(fake.protocolErrors).toEqual([]);

    // The new connection is in the sidebar, under its org; Open goes to its page.
    expect(
      within(screen.getByRole('group', { name: 'Acme' })).getByTestId('connection-item-acme-crm'),
    ).toBeInTheDocument();
    await user.click(screen.getByTestId('success-open'));
    expect(await screen.findByTestId('connection-page')).toBeInTheDocument();
  });

  it('accepts a dropped self_client.json', async () => {
    await startWizard();
    const file = selfClientJson();
    act(() => {
      fireEvent.drop(screen.getByTestId('wizard-dropzone'), {
        dataTransfer: { files: [file], types: ['Files'] },
      });
    });
    expect(await screen.findByTestId('wizard-file-loaded')).toBeInTheDocument();
    expect(screen.getByLabelText(/Client ID/)).toHaveValue('1000.SELFCLIENTID');
  });

  it('says plainly why a file is not a self_client.json, with a remedy', async () => {
    const { user } = await startWizard();
    await user.upload(
      screen.getByTestId('wizard-file-input'),
      new File(['{"client_id":"1000.X"}'], 'other.json', { type: 'application/json' }),
    );
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'This self_client.json has no "client_secret" field.',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent(
      'Download it again from the Zoho API Console',
    );
  });

  it('blocks an expired code from the file and explains what to do', async () => {
    const { user, clock } = await startWizard();
    await user.upload(screen.getByTestId('wizard-file-input'), selfClientJson());
    await screen.findByTestId('wizard-file-loaded');
    await user.type(screen.getByLabelText(/Connection name/), 'acme');
    await user.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('wizard-code');
    await user.click(screen.getByTestId('wizard-scope-help-toggle'));
    await screen.findByTestId('wizard-scopes-chosen');
    clock.advance(181_000);
    expect(screen.getByTestId('error-message')).toHaveTextContent('past its expiry time');
    expect(screen.getByTestId('error-remedy')).toHaveTextContent('Generate Code');
    expect(screen.getByTestId('wizard-authorize')).toBeDisabled();
  });

  it('checks the first step field by field before going on', async () => {
    const { user, fake } = await startWizard();
    await user.type(screen.getByLabelText(/Connection name/), 'has spaces');
    await user.click(screen.getByTestId('wizard-next'));
    expect(screen.getByText(/no spaces/)).toBeInTheDocument();
    expect(screen.getByText('Paste the Client ID from the API Console.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Connection name/)).toHaveFocus();
    expect(fake.callsOf('connections.add')).toHaveLength(0);
  });

  it('shows the message and the remedy when Zoho refuses a pasted code, and lets the user retry', async () => {
    const { user, fake } = await startWizard();
    await user.type(screen.getByLabelText(/Connection name/), 'acme');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');

    await user.type(await screen.findByTestId('wizard-code'), '1000.expired.code');
    expect(screen.getByTestId('wizard-code-countdown')).toHaveTextContent('at most 3:00');
    await user.click(screen.getByTestId('wizard-authorize'));
    expect(await screen.findByTestId('error-message')).toHaveTextContent(
      'Zoho refused the grant code',
    );
    expect(screen.getByTestId('error-remedy')).toHaveTextContent(
      'Generate a new code in the API Console',
    );

    await user.clear(screen.getByTestId('wizard-code'));
    await user.type(screen.getByTestId('wizard-code'), '1000.fresh.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    expect(await screen.findByTestId('wizard-success')).toBeInTheDocument();
    // Added once; the retry reused it.
    expect(fake.callsOf('connections.add')).toHaveLength(1);
    expect(fake.callsOf('connections.authorizeSelfClient').map((c) => c.code)).toEqual([
      '1000.expired.code',
      '1000.fresh.code',
    ]);
  });

  it('Cancel removes the unauthorized connection it added, so starting again with the same name works', async () => {
    const { user, fake } = await startWizard();
    await user.type(screen.getByLabelText(/Connection name/), 'acme');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.type(await screen.findByTestId('wizard-code'), '1000.expired.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByTestId('error-message');
    // The refused attempt left an unauthorized "acme" behind.
    expect(fake.connections.map((c) => [c.name, c.status])).toEqual([['acme', 'new']]);

    await user.click(screen.getByTestId('wizard-cancel-wizard'));
    await screen.findByTestId('empty-state');
    expect(fake.callsOf('connections.remove')).toEqual([{ name: 'acme' }]);
    expect(fake.connections).toEqual([]);
    expect(screen.queryByTestId('connection-item-acme')).not.toBeInTheDocument();

    // Again, same name: no "already exists".
    await user.click(screen.getByTestId('empty-start'));
    await user.type(await screen.findByLabelText(/Connection name/), 'acme');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    expect(screen.queryByText(/already exists/)).not.toBeInTheDocument();
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.type(await screen.findByTestId('wizard-code'), '1000.fresh.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    expect(await screen.findByTestId('wizard-success')).toBeInTheDocument();
  });

  it('leaving the wizard for another screen also removes its unauthorized connection, but never an existing one', async () => {
    const existing = makeConnection({ name: 'existing', status: 'new' });
    const { user, fake } = await renderApp({ connections: [existing] });
    await user.click(screen.getByTestId('new-connection'));
    await user.type(await screen.findByLabelText(/Connection name/), 'fresh');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.type(await screen.findByTestId('wizard-code'), '1000.expired.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByTestId('error-message');

    await user.click(screen.getByTestId('open-settings'));
    await vi.waitFor(() => expect(fake.callsOf('connections.remove')).toEqual([{ name: 'fresh' }]));
    expect(fake.connections.map((c) => c.name)).toEqual(['existing']);
  });

  it('picking its own unauthorized connection in the sidebar keeps it, to authorize from its page', async () => {
    const { user, fake } = await startWizard();
    await user.type(screen.getByLabelText(/Connection name/), 'acme');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.type(await screen.findByTestId('wizard-code'), '1000.expired.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByTestId('error-message');

    await user.click(screen.getByTestId('connection-item-acme'));
    expect(await screen.findByTestId('not-authorized')).toBeInTheDocument();
    expect(fake.callsOf('connections.remove')).toEqual([]);
    expect(fake.connections.map((c) => c.name)).toEqual(['acme']);
  });

  it('keeps the connection once it is authorized', async () => {
    const { user, fake } = await startWizard();
    await user.type(screen.getByLabelText(/Connection name/), 'acme');
    await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
    await user.type(screen.getByLabelText(/Client secret/), 'secret');
    await user.click(screen.getByTestId('wizard-next'));
    // A Self Client goes from the client straight to the code; scopes are optional, one click away.
    await user.click(await screen.findByTestId('wizard-scope-help-toggle'));
    await user.type(await screen.findByLabelText(/Type or paste scopes/), 'ZohoCRM.modules.ALL');
    await screen.findByTestId('wizard-scopes-chosen');
    await user.type(await screen.findByTestId('wizard-code'), '1000.good.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    await screen.findByTestId('wizard-success');
    await user.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('settings');
    expect(fake.callsOf('connections.remove')).toEqual([]);
    expect(fake.connections.map((c) => [c.name, c.status])).toEqual([['acme', 'ready']]);
  });
});
