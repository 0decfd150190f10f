// Which step of the new-connection wizard is showing, and where keyboard focus goes: to the first
// field with an error, or to the start of a step (Next, Back, a step clicked in the stepper), for
// keyboard users (components/focus.ts says where).

import { useEffect, useRef, useState } from 'react';
import { focusFirst } from '../../components/focus.js';
import { stepsFor, type WizardDraft, type WizardStep } from './draft.js';

export function useWizardSteps(draft: Pick<WizardDraft, 'clientType' | 'clientCredentials'>) {
  const [active, setActive] = useState<WizardStep | 'done'>('client');
  const [focusTick, setFocusTick] = useState(0);
  /** The step's panel, where focus moves. */
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    focusFirst(body.current);
  }, [focusTick, active]);

  const steps = stepsFor(draft);
  const activeIndex = active === 'done' ? steps.length : steps.indexOf(active);
  /** Moves focus again, on the same step (a Next that was refused). */
  const refocus = () => setFocusTick((t) => t + 1);
  const goTo = (step: WizardStep | 'done') => {
    setActive(step);
    refocus();
  };
  return {
    active,
    /** Changes the step without moving focus by itself. */
    setActive,
    steps,
    activeIndex,
    goTo,
    refocus,
    nextStep: () => steps[activeIndex + 1] ?? 'done',
    back: activeIndex > 0 ? () => goTo(steps[activeIndex - 1] ?? 'client') : null,
    body,
  };
}

export type WizardSteps = ReturnType<typeof useWizardSteps>;
