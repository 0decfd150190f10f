import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectEveryFieldLabelled, renderApp } from './render-app.js';

describe('new-connection wizard: Self Client with client credentials', () => {
  it('offers "Client credentials (no code)" with the organization explained, adds with the soid and gets a token without a code', async () => {
    const { user, fake } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await screen.findByTestId('wizard');
    expect(screen.getByTestId('wizard-type-self')).toBeChecked();
    await user.click(screen.getByLabelText('Client credentials (no code)'));
    const soid = screen.getByLabelText(/Organization \(soid\)/);
    expect(soid).toHaveAccessibleDescription(/ZohoCRM\.600000000.*Setup > Company Details/);
    expectEveryFieldLabelled();
    await user.type(soid, 'CRM 600');
    expect(soid).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Write the Zoho service, a dot and the organization ID/)).toBeVisible();
    await user.clear(soid);
    await user.type(soid, 'ZohoCRM.600000001');

    await user.type(screen.getByLabelText(/Connection name/), 'acme-cc');
    await user.type(screen.getByLabelText(/Client ID/), '1000.CCCLIENT');
    await user.type(screen.getByLabelText(/Client secret/), 'cc-secret');
    await user.click(screen.getByTestId('wizard-next'));
    await user.type(await screen.findByTestId('wizard-scopes-typed'), 'ZohoCRM.modules.ALL');
    expect(await screen.findByTestId('wizard-scopes-chosen')).toHaveTextContent(
      'ZohoCRM.modules.ALL',
    );
    await user.click(screen.getByTestId('wizard-next'));

    await user.click(await screen.findByTestId('wizard-client-credentials-authorize'));
    await screen.findByTestId('wizard-success');
    expect(fake.callsOf('connections.add')[0]).toMatchObject({
      name: 'acme-cc',
      clientType: 'self',
      clientCredentials: { soid: 'ZohoCRM.600000001' },
    });
    expect(fake.callsOf('connections.authorizeClientCredentials')).toEqual([{ name: 'acme-cc' }]);
    expect(fake.callsOf('connections.authorizeSelfClient')).toEqual([]);
  });
});
