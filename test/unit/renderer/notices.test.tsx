// Notices never cover controls: one about a copy sits in the outlet by the copy buttons while it is
// on screen; away from it, it floats and goes by itself after its timeout, unless the pointer or
// the focus holds it. Time is the hand-driven test clock.

import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ClockProvider } from '../../../renderer/src/app/clock.js';
import { NoticeOutlet, NoticesProvider, useNotices } from '../../../renderer/src/app/notices.js';
import { theme } from '../../../renderer/src/app/theme.js';
import { clipboardNotClearedNotice } from '../../../renderer/src/features/connection/use-token-copy.js';
import { TestClock } from './render-app.js';

const NOTICE = clipboardNotClearedNotice('the access token');
const TIMEOUT = NOTICE.timeoutMs;

function Screen() {
  const notices = useNotices();
  const [copyButtonsShown, setCopyButtonsShown] = useState(true);
  return (
    <>
      <button onClick={() => notices.show(NOTICE)}>Raise</button>
      <button onClick={() => notices.show({ key: 'sticky', title: 'Sticky', message: 'Stays.' })}>
        Raise sticky
      </button>
      <button onClick={() => setCopyButtonsShown((v) => !v)}>Toggle copy buttons</button>
      {copyButtonsShown && (
        <section data-testid="copy-buttons">
          <NoticeOutlet anchor="clipboard" />
        </section>
      )}
      <button data-testid="next">Next</button>
    </>
  );
}

function setup() {
  const clock = new TestClock();
  const user = userEvent.setup();
  render(
    <MantineProvider theme={theme} env="test">
      <ClockProvider clock={clock}>
        <NoticesProvider>
          <Screen />
        </NoticesProvider>
      </ClockProvider>
    </MantineProvider>,
  );
  const notice = () => screen.queryByTestId('notice-clipboard-not-cleared');
  return { clock, user, notice };
}

describe('notices', () => {
  it('a clipboard notice sits by the copy buttons and stays there until dismissed', async () => {
    const { clock, user, notice } = setup();
    await user.click(screen.getByRole('button', { name: 'Raise' }));
    expect(within(screen.getByTestId('copy-buttons')).getByRole('alert')).toHaveTextContent(
      'Could not clear the clipboard',
    );
    // By the buttons it covers nothing, so it does not run out.
    clock.advance(TIMEOUT * 4);
    expect(notice()).toBeInTheDocument();
    await user.click(within(notice()!).getByRole('button', { name: 'Dismiss' }));
    expect(notice()).not.toBeInTheDocument();
  });

  it('away from the copy buttons it floats and goes after its timeout', async () => {
    const { clock, user, notice } = setup();
    await user.click(screen.getByRole('button', { name: 'Raise' }));
    await user.click(screen.getByRole('button', { name: 'Toggle copy buttons' }));
    expect(notice()).toBeInTheDocument();
    expect(screen.queryByTestId('copy-buttons')).not.toBeInTheDocument();
    clock.advance(TIMEOUT - 1000);
    expect(notice()).toBeInTheDocument();
    clock.advance(1000);
    expect(notice()).not.toBeInTheDocument();
    // What it floated over is usable again.
    await user.click(screen.getByTestId('next'));
  });

  it('a floating notice raised elsewhere goes too; the pointer or focus on it holds it', async () => {
    const { clock, user, notice } = setup();
    await user.click(screen.getByRole('button', { name: 'Toggle copy buttons' }));
    await user.click(screen.getByRole('button', { name: 'Raise' }));
    const shown = notice()!;
    fireEvent.pointerEnter(shown);
    clock.advance(TIMEOUT * 2);
    expect(notice()).toBeInTheDocument();
    fireEvent.pointerLeave(shown);
    // The time starts again when the pointer leaves.
    clock.advance(TIMEOUT - 1000);
    expect(notice()).toBeInTheDocument();
    fireEvent.focus(within(shown).getByRole('button', { name: 'Dismiss' }));
    clock.advance(TIMEOUT * 2);
    expect(notice()).toBeInTheDocument();
    fireEvent.blur(within(shown).getByRole('button', { name: 'Dismiss' }));
    clock.advance(TIMEOUT);
    expect(notice()).not.toBeInTheDocument();
  });

  it('a notice without a timeout stays until dismissed', async () => {
    const { clock, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Raise sticky' }));
    clock.advance(10 * 60_000);
    expect(screen.getByTestId('notice-sticky')).toHaveTextContent('Stays.');
  });
});
