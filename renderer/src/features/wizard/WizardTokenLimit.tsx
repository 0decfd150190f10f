// The 21st-refresh-token warning in the wizard, before the connection exists: asked by client ID
// and data centre (or custom accounts URL) on the step whose button makes the token. A server-based
// client's sign-in starts from the Scopes step; a Self Client's code and the device invitation are
// on the last step; client credentials make no refresh token.

import {
  RefreshTokenLimitAlert,
  useRefreshTokenWarning,
  type RefreshTokenWarningAsk,
} from '../authorize/RefreshTokenLimit.js';
import type { WizardDraft, WizardStep } from './draft.js';

export function mintingStep(draft: WizardDraft): WizardStep | null {
  if (draft.clientType === 'server') return 'scopes';
  if (draft.clientType === 'self' && draft.clientCredentials) return null;
  return 'authorize';
}

function useWizardTokenWarning(
  draft: WizardDraft,
  active: WizardStep | 'done',
): string | undefined {
  const step = mintingStep(draft);
  const clientId = draft.clientId.trim();
  const custom = draft.accountsUrl.trim() && draft.apiDomain.trim() ? draft.accountsUrl.trim() : '';
  const ask: RefreshTokenWarningAsk | null =
    step !== null && active === step && clientId
      ? { clientId, ...(custom ? { accountsUrl: custom } : { dc: draft.dc }) }
      : null;
  return useRefreshTokenWarning(ask);
}

/** The warning, on the step whose button makes the refresh token (nothing on the others). */
export function WizardTokenLimit({
  draft,
  active,
}: {
  draft: WizardDraft;
  active: WizardStep | 'done';
}) {
  const warning = useWizardTokenWarning(draft, active);
  return <RefreshTokenLimitAlert warning={warning} testId="wizard-refresh-limit" />;
}
