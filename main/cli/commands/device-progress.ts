// What `token-desk authorize` prints on stderr while a Non-browser application waits for the
// client's admin: the address, the code and how long it works, the message to send, and what
// Zoho says meanwhile (slow down, another data centre). Never a secret: the device code stays in
// the core; the user code is meant to be sent.

import type { DeviceAuthorizationProgress } from '../../core/auth/device-authorization.js';
import { validityText } from '../../core/auth/device-authorization.js';
import { describeSeconds } from '../arguments.js';
import { hostOf, type CommandContext } from './command-context.js';

export function reportDeviceProgress(
  ctx: CommandContext,
  progress: DeviceAuthorizationProgress,
): void {
  switch (progress.step) {
    case 'code': {
      const { invitation } = progress;
      ctx.progress(
        progress.browserOpened
          ? 'Send this to the client’s admin (the page is also open in your browser):'
          : 'Send this to the client’s admin:',
      );
      ctx.progress(`  Open:    ${invitation.verificationUrl}`);
      ctx.progress(
        `  Code:    ${invitation.userCode}   (valid ${validityText(invitation.expiresInMs)})`,
      );
      ctx.progress(`  Message: ${invitation.message}`);
      ctx.progress('Waiting for the admin to enter the code and press Accept (Ctrl+C to stop)…');
      return;
    }
    case 'slowed-down':
      ctx.progress(
        `Zoho asked Token Desk to check less often: every ${describeSeconds(Math.round(progress.intervalMs / 1000))} from now on.`,
      );
      return;
    case 'other-dc':
      ctx.progress(
        `The admin’s account is in the ${progress.location.toUpperCase()} data centre: waiting at ${hostOf(progress.accountsUrl)} from now on.`,
      );
      return;
    case 'approved':
      ctx.progress('The admin accepted; saving the tokens…');
      return;
    case 'requesting-code':
    case 'polling':
      // The request for a code is announced by the command; a line per poll would drown the code.
      return;
  }
}
