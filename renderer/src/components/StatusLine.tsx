// The line under a panel's buttons that says what just worked ("Copied.", "Theme saved."). Its
// live region stays on screen while the message comes and goes, so screen readers announce each one.

import { Text } from '@mantine/core';

export function StatusLine({
  message,
  testId,
}: {
  /** Nothing to say: null, undefined, false or ''. */
  message: string | null | undefined | false;
  testId?: string;
}) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Text size="sm" c="teal" data-testid={testId}>
          {message}
        </Text>
      )}
    </div>
  );
}
