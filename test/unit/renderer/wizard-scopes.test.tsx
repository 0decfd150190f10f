import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app.js';

/**
 * Opens the scope chooser: a server-based client's Scopes step, or a Self Client's optional
 * chooser under "Not sure which scopes" on its code step.
 */
async function toScopes(clientType: 'self' | 'server' = 'self') {
  const app = await renderApp();
  const { user } = app;
  await user.click(screen.getByTestId('empty-start'));
  if (clientType === 'server') await user.click(await screen.findByTestId('wizard-type-server'));
  await user.type(await screen.findByLabelText(/Connection name/), 'acme');
  await user.type(screen.getByLabelText(/Client ID/), '1000.ID');
  await user.type(screen.getByLabelText(/Client secret/), 'secret');
  await user.click(screen.getByTestId('wizard-next'));
  if (clientType === 'self') {
    await screen.findByTestId('wizard-code');
    await user.click(screen.getByTestId('wizard-scope-help-toggle'));
  }
  await screen.findByLabelText(/Type or paste scopes/);
  return app;
}

describe('new-connection wizard: scopes', () => {
  it('checks typed scopes against the grammar as you type, via catalog.checkScopes', async () => {
    // The server-based client's Scopes step, whose button refuses scopes that are not valid.
    const { user, fake } = await toScopes('server');
    await user.type(
      screen.getByLabelText(/Type or paste scopes/),
      'ZohoCRM.modules.ALL, ZohoCRM.modules',
    );
    const errors = await screen.findByTestId('scope-errors');
    expect(errors).toHaveTextContent(
      '“ZohoCRM.modules” is not a valid scope: a scope has the form Service.scope.OPERATION',
    );
    expect(screen.getByLabelText(/Type or paste scopes/)).toHaveAttribute('aria-invalid', 'true');
    expect(fake.callsOf('catalog.checkScopes').at(-1)).toEqual({
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.modules'],
      presetIds: [],
    });

    await user.click(screen.getByTestId('wizard-next'));
    expect(screen.getByTestId('wizard-scope-hint')).toHaveTextContent(
      'Fix or remove the scopes marked as not valid',
    );

    await user.type(screen.getByLabelText(/Type or paste scopes/), '.read');
    await screen.findByText('2 scopes chosen:');
    expect(screen.queryByTestId('scope-errors')).not.toBeInTheDocument();
    expect(screen.getByTestId('wizard-scopes-chosen')).toHaveTextContent('ZohoCRM.modules.READ');
  });

  it('puts the typed field and the chosen scopes above the catalog, whose products start collapsed', async () => {
    await toScopes();
    const typed = screen.getByLabelText(/Type or paste scopes/);
    const summary = screen.getByTestId('wizard-scopes-summary');
    const product = await screen.findByTestId('catalog-product-crm');
    const before = (a: Element, b: Element) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(before(typed, summary)).toBe(true);
    expect(before(summary, product)).toBe(true);
    expect(before(summary, screen.getByLabelText('Search the catalog'))).toBe(true);
    // Collapsed: no scope checkbox and no preset until a product is opened or searched.
    expect(screen.queryByLabelText('ZohoCRM.org.READ')).not.toBeInTheDocument();
    expect(screen.queryByTestId('preset-crm-read-all')).not.toBeInTheDocument();
    expect(product).toHaveAttribute('aria-expanded', 'false');
  });

  it('search reaches every scope, by its full name too, and shows the presets that match', async () => {
    const { user } = await toScopes();
    await user.type(await screen.findByLabelText('Search the catalog'), 'ZohoCRM.org.READ');
    expect(await screen.findByLabelText('ZohoCRM.org.READ')).toBeInTheDocument();
    expect(screen.queryByLabelText('ZohoCRM.modules.ALL')).not.toBeInTheDocument();
    expect(screen.queryByTestId('catalog-product-accounts')).not.toBeInTheDocument();
    // The preset that contains it is offered on top.
    expect(
      within(screen.getByTestId('matching-presets')).getByTestId('preset-crm-read-all'),
    ).toBeInTheDocument();
  });

  it('picks scopes from presets and the catalog, searches it, and removes a chosen scope', async () => {
    const { user } = await toScopes();
    await user.click(await screen.findByTestId('catalog-product-crm'));
    await user.click(await screen.findByTestId('preset-crm-read-all'));
    const chosen = await screen.findByTestId('wizard-scopes-chosen');
    expect(chosen).toHaveTextContent('ZohoCRM.modules.READ');
    expect(chosen).toHaveTextContent('ZohoCRM.users.READ');
    expect(screen.getByTestId('preset-crm-read-all')).toHaveAttribute('aria-pressed', 'true');
    // Every preset brings AaaServer.profile.READ, so the success screen can say whose token it is.
    expect(chosen).toHaveTextContent('AaaServer.profile.READ');
    await screen.findByText('4 scopes chosen:');

    await user.type(screen.getByLabelText('Search the catalog'), 'profile');
    expect(screen.queryByTestId('catalog-product-crm')).not.toBeInTheDocument();
    // The catalog shows it picked; unticking and ticking it again goes through the catalog.
    expect(screen.getByLabelText('AaaServer.profile.READ')).toBeChecked();
    await user.click(screen.getByLabelText('AaaServer.profile.READ'));
    await screen.findByText('3 scopes chosen:');
    await user.click(screen.getByLabelText('AaaServer.profile.READ'));
    await screen.findByText('4 scopes chosen:');

    await user.click(
      within(screen.getByTestId('wizard-scopes-chosen')).getByRole('button', {
        name: 'Remove ZohoCRM.org.READ',
      }),
    );
    await screen.findByText('3 scopes chosen:');
    // The Self Client gets the exact text to paste into Generate Code.
    expect(screen.getByTestId('wizard-scopes-text')).toHaveTextContent(
      'ZohoCRM.modules.READ,ZohoCRM.users.READ,AaaServer.profile.READ',
    );
  });
});
