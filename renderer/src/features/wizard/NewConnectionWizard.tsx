// New connection: the client (name, data centre, type, ID and secret), then what its client type
// needs (stepsFor in draft.ts): a Self Client pastes its grant code (the scopes come with the code),
// a server-based client chooses scopes and signs in through the browser. The connection itself
// (added on the first authorize, replaced after a change, removed on Cancel while unauthorized)
// is use-wizard-connection.ts's; the last step is AuthorizeStep.tsx.

import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ConnectionView, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { openBlankTab } from '../authorize/ServerSignIn.js';
import { CipherBanner } from '../vault/CipherBanner.js';
import { AuthorizeStep } from './AuthorizeStep.js';
import { ClientStep } from './ClientStep.js';
import { emptyDraft, type WizardDraft } from './draft.js';
import { scopesStepHint, ScopesStep, useScopeCheck } from './ScopesStep.js';
import { useClientChecks } from './use-client-checks.js';
import { useWizardConnection } from './use-wizard-connection.js';
import { useWizardSteps } from './use-wizard-steps.js';
import { WizardTokenLimit } from './WizardTokenLimit.js';
import { StepForm, WizardStepper } from './WizardNav.js';
import { WizardSuccess } from './WizardSuccess.js';

export interface NewConnectionWizardProps {
  onCancel(): void;
  onFinished(connection: ConnectionView, next: 'token' | 'requests'): void;
  /**
   * Asked when the wizard is left for another screen: true when that screen is this connection
   * (the user picked it in the sidebar to authorize it from its page), which then stays.
   */
  isOpenElsewhere?(connectionId: string): boolean;
}

export function NewConnectionWizard({
  onCancel,
  onFinished,
  isOpenElsewhere,
}: NewConnectionWizardProps) {
  const { info } = useAppState();
  const [draft, setDraft] = useState<WizardDraft>(emptyDraft);
  const wizardSteps = useWizardSteps(draft);
  const { active, goTo } = wizardSteps;
  const [scopeHelp, setScopeHelp] = useState(false);
  /** Browser mode: the tab opened on the click that starts the sign-in, for Zoho's page. */
  const [signInTab, setSignInTab] = useState<Window | null>(null);
  const [scopeHint, setScopeHint] = useState<string | null>(null);
  const check = useScopeCheck(draft.pickedScopes, draft.typedScopes);
  // Until the core has checked them (a moment after each change), the scopes picked from
  // self_client.json or the catalog stand in: a quick "Get tokens" must not drop them.
  const scopes = check.result?.scopes ?? (check.checking ? draft.pickedScopes : []);
  const connection = useWizardConnection({
    draft,
    scopes,
    isOpenElsewhere,
    onAuthorized: () => wizardSteps.setActive('done'),
  });
  const { authorized: done } = connection;
  const client = useClientChecks(draft, connection.added?.name);

  const change = (patch: Partial<WizardDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setScopeHint(null);
    if (patch.clientSecret !== undefined) client.secretChanged();
  };

  /** Zoho refused the client secret: back to the field that holds it, everything else kept. */
  const fixSecret = (error: RpcError) => {
    client.refuseSecret(error);
    goTo('client');
  };

  const nextFromClient = (e: FormEvent) => {
    e.preventDefault();
    if (client.passes()) {
      if (!draft.name.trim()) change({ name: client.nameSuggestion });
      wizardSteps.setActive(wizardSteps.nextStep());
    }
    wizardSteps.refocus();
  };

  const nextFromScopes = (e: FormEvent) => {
    e.preventDefault();
    const hint = scopesStepHint(draft, check, scopes);
    if (hint) return setScopeHint(hint);
    // Browser mode: Zoho's page opens in a new tab on this very click (a tab opened later, when
    // the address is known, would be blocked as a pop-up); its address follows in a moment.
    if (draft.clientType === 'server' && info.shell === 'browser') setSignInTab(openBlankTab());
    goTo(wizardSteps.nextStep());
  };

  const navProps = {
    onCancel: () => void connection.discardUnfinished().then(() => onCancel()),
    onBack: wizardSteps.back,
  };

  return (
    <Stack maw={820} mx="auto" data-testid="wizard">
      <Title order={2}>New connection</Title>
      <CipherBanner context="wizard" />
      <WizardStepper draft={draft} wizardSteps={wizardSteps} />
      <Paper withBorder p="lg" ref={wizardSteps.body}>
        {active === 'client' && (
          <StepForm onSubmit={nextFromClient} nav={navProps} next="Next">
            <ClientStep
              draft={draft}
              errors={client.errors}
              onChange={change}
              suggestedName={client.nameSuggestion}
            />
          </StepForm>
        )}
        {active === 'scopes' && (
          <StepForm
            onSubmit={nextFromScopes}
            nav={navProps}
            next={draft.clientType === 'server' ? 'Sign in with Zoho' : 'Next'}
          >
            <WizardTokenLimit draft={draft} active={active} />
            <ScopesStep draft={draft} onChange={change} check={check} />
            {scopeHint && (
              <Text c="red" size="sm" mt="sm" role="alert" data-testid="wizard-scope-hint">
                {scopeHint}
              </Text>
            )}
          </StepForm>
        )}
        {active === 'authorize' && <WizardTokenLimit draft={draft} active={active} />}
        {active === 'authorize' && (
          <AuthorizeStep
            draft={draft}
            setDraft={setDraft}
            onChange={change}
            check={check}
            scopes={scopes}
            connection={connection}
            signInTab={signInTab}
            onFixSecret={fixSecret}
            scopeHelp={scopeHelp}
            onScopeHelp={setScopeHelp}
            nav={navProps}
          />
        )}
        {active === 'done' && done && (
          <WizardSuccess
            connection={done}
            onOpen={() => onFinished(done, 'token')}
            onTryRequest={() => onFinished(done, 'requests')}
          />
        )}
      </Paper>
    </Stack>
  );
}
