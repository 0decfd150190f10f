// New connection: the client (name, data centre, type, ID and secret), then what its client type
// needs (stepsFor in draft.ts): a Self Client pastes its grant code (the scopes come with the code),
// a server-based client chooses scopes and signs in through the browser. The connection itself
// (added on the first authorize, replaced after a change, removed on Cancel while unauthorized)
// is use-wizard-connection.ts's; the last step is AuthorizeStep.tsx.

import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectionView, RpcError } from '../../../../main/rpc/contract.js';
import { useAppState } from '../../app/app-state.js';
import { focusFirst } from '../../components/focus.js';
import { openBlankTab } from '../authorize/ServerSignIn.js';
import { CipherBanner } from '../vault/CipherBanner.js';
import { AuthorizeStep } from './AuthorizeStep.js';
import { ClientStep } from './ClientStep.js';
import {
  checkClientStep,
  emptyDraft,
  stepsFor,
  suggestedName,
  type WizardDraft,
  type WizardStep,
} from './draft.js';
import { scopesStepHint, ScopesStep, useScopeCheck } from './ScopesStep.js';
import { useWizardConnection } from './use-wizard-connection.js';
import { WizardNav, WizardStepper } from './WizardNav.js';
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
  const { connections, info } = useAppState();
  const [draft, setDraft] = useState<WizardDraft>(emptyDraft);
  const [active, setActive] = useState<WizardStep | 'done'>('client');
  /** Zoho refused the client secret on the last step: shown on the secret field until it changes. */
  const [secretRefused, setSecretRefused] = useState<string | null>(null);
  const [scopeHelp, setScopeHelp] = useState(false);
  /** Browser mode: the tab opened on the click that starts the sign-in, for Zoho's page. */
  const [signInTab, setSignInTab] = useState<Window | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [scopeHint, setScopeHint] = useState<string | null>(null);
  const [done, setDone] = useState<ConnectionView | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const check = useScopeCheck(draft.pickedScopes, draft.typedScopes);
  // Until the core has checked them (a moment after each change), the scopes picked from
  // self_client.json or the catalog stand in: a quick "Get tokens" must not drop them.
  const scopes = check.result?.scopes ?? (check.checking ? draft.pickedScopes : []);
  const connection = useWizardConnection({
    draft,
    scopes,
    isOpenElsewhere,
    onAuthorized: (authorized) => {
      setDone(authorized);
      setActive('done');
    },
  });

  const ownName = connection.added?.name;
  const otherNames = connections.map((c) => c.name).filter((n) => n !== ownName);
  const nameSuggestion = suggestedName(draft.dc, otherNames);
  const named = { ...draft, name: draft.name.trim() ? draft.name : nameSuggestion };
  const clientErrors = checkClientStep(named, otherNames);
  const steps = stepsFor(draft);
  const activeIndex = active === 'done' ? steps.length : steps.indexOf(active);
  const goTo = (step: WizardStep | 'done') => {
    setActive(step);
    setFocusTick((t) => t + 1);
  };
  const nextStep = () => steps[activeIndex + 1] ?? 'done';

  const change = (patch: Partial<WizardDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setScopeHint(null);
    // An error goes away when the field it names changes.
    if (patch.clientSecret !== undefined) setSecretRefused(null);
  };

  /** Zoho refused the client secret: back to the field that holds it, everything else kept. */
  const fixSecret = (error: RpcError) => {
    setSecretRefused(
      `${error.message} Paste it again from the API Console (your client > Client Secret).`,
    );
    setShowErrors(true);
    goTo('client');
  };

  // Move focus to the first field with an error, or to the start of a step (Next, Back, a step
  // clicked in the stepper), for keyboard users: components/focus.ts says where.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    focusFirst(body.current);
  }, [focusTick, active]);

  const nextFromClient = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(clientErrors).length === 0 && !secretRefused) {
      setShowErrors(false);
      if (!draft.name.trim()) change({ name: nameSuggestion });
      setActive(nextStep());
    }
    setFocusTick((t) => t + 1);
  };

  const nextFromScopes = (e: FormEvent) => {
    e.preventDefault();
    const hint = scopesStepHint(draft, check, scopes);
    if (hint) return setScopeHint(hint);
    // Browser mode: Zoho's page opens in a new tab on this very click (a tab opened later, when
    // the address is known, would be blocked as a pop-up); its address follows in a moment.
    if (draft.clientType === 'server' && info.shell === 'browser') setSignInTab(openBlankTab());
    goTo(nextStep());
  };

  const cancelWizard = async () => {
    await connection.discardUnfinished();
    onCancel();
  };
  const navProps = {
    onCancel: () => void cancelWizard(),
    onBack: activeIndex > 0 ? () => goTo(steps[activeIndex - 1] ?? 'client') : null,
  };

  return (
    <Stack maw={820} mx="auto" data-testid="wizard">
      <Title order={2}>New connection</Title>
      <CipherBanner context="wizard" />
      <WizardStepper
        draft={draft}
        steps={steps}
        activeIndex={activeIndex}
        done={active === 'done'}
        goTo={goTo}
      />
      <Paper withBorder p="lg" ref={body}>
        {active === 'client' && (
          <form onSubmit={nextFromClient} noValidate>
            <ClientStep
              draft={draft}
              errors={{
                ...(showErrors ? clientErrors : {}),
                ...(secretRefused ? { clientSecret: secretRefused } : {}),
              }}
              onChange={change}
              suggestedName={nameSuggestion}
            />
            <WizardNav {...navProps}>
              <Button type="submit" data-testid="wizard-next">
                Next
              </Button>
            </WizardNav>
          </form>
        )}
        {active === 'scopes' && (
          <form onSubmit={nextFromScopes} noValidate>
            <ScopesStep draft={draft} onChange={change} check={check} />
            {scopeHint && (
              <Text c="red" size="sm" mt="sm" role="alert" data-testid="wizard-scope-hint">
                {scopeHint}
              </Text>
            )}
            <WizardNav {...navProps}>
              <Button type="submit" data-testid="wizard-next">
                {draft.clientType === 'server' ? 'Sign in with Zoho' : 'Next'}
              </Button>
            </WizardNav>
          </form>
        )}
        {active === 'authorize' && (
          <Stack>
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
            />
            <WizardNav {...navProps} />
          </Stack>
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
