// The client step's checks: the name suggested when the name is left empty, the field errors
// (shown once Next was tried), and the client secret Zoho refused on the last step, shown on the
// secret field until it changes.

import { useState } from 'react';
import type { RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import {
  checkClientStep,
  suggestedName,
  type ClientStepErrors,
  type WizardDraft,
} from './draft.js';

/** `ownName`: the connection the wizard added itself, whose name is not taken by another. */
export function useClientChecks(draft: WizardDraft, ownName: string | undefined) {
  const { connections } = useAppState();
  const [secretRefused, setSecretRefused] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const otherNames = connections.map((c) => c.name).filter((n) => n !== ownName);
  const nameSuggestion = suggestedName(draft.dc, otherNames);
  const named = { ...draft, name: draft.name.trim() ? draft.name : nameSuggestion };
  const clientErrors = checkClientStep(named, otherNames);
  const errors: ClientStepErrors = {
    ...(showErrors ? clientErrors : {}),
    ...(secretRefused ? { clientSecret: secretRefused } : {}),
  };

  return {
    nameSuggestion,
    errors,
    /** Next on the client step: true when it may be left; otherwise its errors show. */
    passes: () => {
      const ok = Object.keys(clientErrors).length === 0 && !secretRefused;
      setShowErrors(!ok);
      return ok;
    },
    /** Zoho refused the client secret: said on its field, with the other errors. */
    refuseSecret: (error: RpcError) => {
      setSecretRefused(
        `${error.message} Paste it again from the API Console (your client > Client Secret).`,
      );
      setShowErrors(true);
    },
    /** An error goes away when the field it names changes. */
    secretChanged: () => setSecretRefused(null),
  };
}
