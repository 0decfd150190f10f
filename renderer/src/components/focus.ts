// Where keyboard focus goes when a form step opens or is refused: the first field with an error
// (aria-invalid), else an error alert that stopped the step, else the field the step marks as
// its start (data-autofocus), else its first field, else its first button. So a keyboard or
// screen-reader user lands on what to do next instead of on <body> or a button that vanished.

const ERROR_FIELD = '[aria-invalid="true"]';
/** ErrorAlert marks itself with this when it stops a step (its `focus` prop). */
export const FOCUS_ERROR_ATTRIBUTE = 'data-focus-error';
const FIELD =
  'input:not([type="hidden"]):not([type="file"]):not([disabled]), textarea:not([disabled]), select:not([disabled])';
const BUTTON = 'button:not([disabled]), a[href]';

/** The element focus should move to inside `root`, or null when there is none. */
export function focusTarget(root: ParentNode | null | undefined): HTMLElement | null {
  if (!root) return null;
  for (const selector of [
    ERROR_FIELD,
    `[${FOCUS_ERROR_ATTRIBUTE}]`,
    '[data-autofocus]',
    FIELD,
    BUTTON,
  ]) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

/** Moves focus to focusTarget(root); true when it did. */
export function focusFirst(root: ParentNode | null | undefined): boolean {
  const target = focusTarget(root);
  target?.focus();
  return Boolean(target);
}
