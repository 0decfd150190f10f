// The wizard's navigation: the stepper on top (a step already passed can be clicked to go back
// to it), the bar under each step (Cancel; Back; the step's own next button), and a step that is
// a form, submitted by its next button.

import { Button, Group, Stepper } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { WizardDraft, WizardStep } from './draft.js';
import type { WizardSteps } from './use-wizard-steps.js';

const STEP_TEXT: Record<
  WizardStep,
  (draft: WizardDraft) => { label: string; description: string }
> = {
  client: () => ({ label: 'Client', description: 'Name, data centre, client' }),
  scopes: () => ({ label: 'Scopes', description: 'What the token may do' }),
  authorize: (draft) =>
    draft.clientType === 'device'
      ? { label: 'Invite', description: 'Invite the client’s admin' }
      : draft.clientType === 'self' && draft.clientCredentials
        ? { label: 'Token', description: 'Client credentials: no code' }
        : draft.clientType === 'self'
          ? { label: 'Grant code', description: 'Paste the code from the console' }
          : { label: 'Sign in', description: 'Sign in with Zoho' },
};

export interface WizardStepperProps {
  draft: WizardDraft;
  wizardSteps: Pick<WizardSteps, 'steps' | 'activeIndex' | 'active' | 'goTo'>;
}

export function WizardStepper({ draft, wizardSteps }: WizardStepperProps) {
  const { steps, activeIndex, active, goTo } = wizardSteps;
  return (
    <Stepper
      active={activeIndex}
      onStepClick={(index) => {
        const step = steps[index];
        if (step && index < activeIndex && active !== 'done') goTo(step);
      }}
      allowNextStepsSelect={false}
      size="sm"
    >
      {steps.map((step) => (
        <Stepper.Step key={step} {...STEP_TEXT[step](draft)} />
      ))}
    </Stepper>
  );
}

export interface WizardNavProps {
  /** Null on the first step: no Back. */
  onBack: (() => void) | null;
  onCancel(): void;
  /** The step's next button, if it has one. */
  children?: ReactNode;
}

export function WizardNav({ onBack, onCancel, children }: WizardNavProps) {
  return (
    <Group justify="space-between" mt="lg">
      <Button variant="subtle" color="gray" onClick={onCancel} data-testid="wizard-cancel-wizard">
        Cancel
      </Button>
      <Group>
        {onBack && (
          <Button variant="default" onClick={onBack} data-testid="wizard-back">
            Back
          </Button>
        )}
        {children}
      </Group>
    </Group>
  );
}

export interface StepFormProps {
  onSubmit(e: FormEvent): void;
  nav: WizardNavProps;
  /** The text of the next button. */
  next: ReactNode;
  children: ReactNode;
}

/** A step whose next button submits it (Enter in a field does too); the step checks itself. */
export function StepForm({ onSubmit, nav, next, children }: StepFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      {children}
      <WizardNav {...nav}>
        <Button type="submit" data-testid="wizard-next">
          {next}
        </Button>
      </WizardNav>
    </form>
  );
}
