// Keyboard focus in the forms: it goes to the first field of each wizard step (Next and Back), to
// the field whose error stops a step, and to the error alert that stops one (a refused code), so
// a keyboard or screen-reader user lands on what to do next. Also focusTarget's order by itself.

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { focusTarget } from '../../../renderer/src/components/focus.js';
import { renderApp } from './render-app.js';

function dom(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

describe('focusTarget', () => {
  it('prefers a field with an error, then an error alert, then data-autofocus, then a field, then a button', () => {
    const id = (root: HTMLElement) => focusTarget(root)?.id;
    expect(
      id(
        dom(
          '<button id="b"></button><input id="f"><input id="a" data-autofocus><div id="e" data-focus-error tabindex="-1"></div><input id="i" aria-invalid="true">',
        ),
      ),
    ).toBe('i');
    expect(
      id(dom('<input id="f"><input id="a" data-autofocus><div id="e" data-focus-error></div>')),
    ).toBe('e');
    expect(id(dom('<button id="b"></button><input id="f"><input id="a" data-autofocus>'))).toBe(
      'a',
    );
    // Hidden, file and disabled inputs are passed over.
    expect(
      id(
        dom(
          '<input type="hidden" id="h"><input type="file" id="u"><input disabled id="d"><button id="b"></button><select id="s"></select>',
        ),
      ),
    ).toBe('s');
    expect(id(dom('<p>text</p><button disabled id="x"></button><button id="b"></button>'))).toBe(
      'b',
    );
    expect(focusTarget(dom('<p>nothing to focus</p>'))).toBeNull();
    expect(focusTarget(null)).toBeNull();
  });
});

describe('focus in the new-connection wizard', () => {
  it('moves to the first field of each step, to the field that stops it, and to a refusal', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await screen.findByTestId('wizard');
    const name = screen.getByLabelText(/Connection name/);
    expect(name).toHaveFocus();

    // Next with nothing filled in: the name may stay empty (one is suggested), so the first field
    // with an error is the Client ID, and it has focus.
    await user.click(screen.getByTestId('wizard-next'));
    const clientId = screen.getByLabelText(/Client ID/);
    expect(clientId).toHaveAttribute('aria-invalid', 'true');
    expect(clientId).toHaveFocus();

    // A name that is not allowed: the first field with an error (the name) has focus.
    await user.type(name, 'acme crm');
    await user.click(screen.getByTestId('wizard-next'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();

    // Only the secret missing: focus goes to it, and a screen reader hears it is invalid.
    await user.clear(name);
    await user.type(name, 'acme-crm');
    await user.type(clientId, '1000.SELFCLIENTID');
    await user.click(screen.getByTestId('wizard-next'));
    const secret = screen.getByLabelText(/Client secret/);
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(secret).toHaveFocus();

    // Keyboard only: type the secret and press Enter to go on, to the grant code (a Self Client's
    // next step): its field has focus.
    await user.keyboard('self-client-secret{Enter}');
    const firstCode = await screen.findByTestId('wizard-code');
    expect(firstCode).toHaveFocus();

    // Back: the client step's first field, not <body> (the Back button is gone there).
    await user.click(screen.getByTestId('wizard-back'));
    expect(await screen.findByLabelText(/Connection name/)).toHaveFocus();

    await user.click(screen.getByTestId('wizard-next'));
    // The authorize step again: the grant code field.
    const code = await screen.findByTestId('wizard-code');
    expect(firstCode).not.toBeInTheDocument();
    expect(code).toHaveFocus();

    // Zoho refuses the code: the error that stops the step takes focus.
    await user.type(code, '1000.expired.code');
    await user.click(screen.getByTestId('wizard-authorize'));
    const message = await screen.findByText(/Zoho refused the grant code/);
    const alert = message.closest('[data-focus-error]');
    expect(alert).not.toBeNull();
    expect(alert).toHaveFocus();
  });

  it('moves to the scopes step’s first field, not its Next button, and back to the name', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByTestId('empty-start'));
    await user.click(await screen.findByTestId('wizard-type-server'));
    await user.type(screen.getByLabelText(/Connection name/), 'acme-web');
    await user.type(screen.getByLabelText(/Client ID/), '1000.SERVERCLIENT');
    await user.type(screen.getByLabelText(/Client secret/), 'server-secret');
    await user.keyboard('{Enter}');
    const typed = await screen.findByTestId('wizard-scopes-typed');
    expect(document.activeElement?.tagName).toMatch(/INPUT|TEXTAREA|SELECT|BUTTON/);
    expect(screen.getByTestId('wizard').contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(screen.getByTestId('wizard-next'));

    await user.click(screen.getByTestId('wizard-back'));
    expect(await screen.findByLabelText(/Connection name/)).toHaveFocus();
    expect(typed).not.toBeInTheDocument();
  });
});
