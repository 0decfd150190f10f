// A quiet "?" after a catalog entry that Zoho's docs do not confirm (seen in third-party code,
// or assumed), as the CLI's catalog marks it. The explanation is a tooltip on hover and on
// keyboard focus, and the marker's accessible name for screen readers.

import { Text, Tooltip } from '@mantine/core';

export const UNCONFIRMED_EXPLANATION =
  'Not confirmed by Zoho’s docs: seen in third-party code, or assumed. It usually works; if Zoho refuses it, pick another scope.';

export function UnconfirmedMarker() {
  return (
    <Tooltip
      label={UNCONFIRMED_EXPLANATION}
      multiline
      w={280}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Text
        component="span"
        size="xs"
        c="dimmed"
        tabIndex={0}
        aria-label="Not confirmed by Zoho’s docs"
        data-testid="unconfirmed-marker"
        style={{ cursor: 'help', marginInlineStart: 4, textDecoration: 'underline dotted' }}
      >
        ?
      </Text>
    </Tooltip>
  );
}
