// Live countdowns driven by the shared clock (see app/clock.tsx).

import { Text, type TextProps } from '@mantine/core';
import { useNow } from '../app/clock.js';
import { formatTimeLeft, formatSpan } from '../lib/format.js';

/** "4:59" ticking down to a deadline; `expiredText` once it has passed. */
export function Countdown({
  until,
  expiredText = 'expired',
  ...rest
}: { until: number; expiredText?: string } & TextProps & { 'data-testid'?: string }) {
  const now = useNow();
  const left = until - now;
  return (
    <Text span inherit {...rest}>
      {left > 0 ? formatTimeLeft(left) : expiredText}
    </Text>
  );
}

/** How long an access token has left, in words: "expires in 42 min", "expired 3 min ago". */
export function TokenExpiry({
  expiresAt,
  ...rest
}: { expiresAt?: number } & TextProps & { 'data-testid'?: string }) {
  const now = useNow();
  if (expiresAt === undefined)
    return (
      <Text span inherit {...rest}>
        no access token yet
      </Text>
    );
  const left = expiresAt - now;
  return (
    <Text
      span
      inherit
      c={left <= 0 ? 'dimmed' : left < 5 * 60_000 ? 'orange' : undefined}
      {...rest}
    >
      {left > 0
        ? `expires in ${left < 86_400_000 ? formatTimeLeft(left) : formatSpan(left)}`
        : `expired ${formatSpan(-left)} ago`}
    </Text>
  );
}
