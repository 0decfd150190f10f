// A non-secret value shown in full with a copy button (redirect URI, authorization address,
// scopes). Copies through lib/clipboard (with a fallback where the Clipboard API is refused).

import { ActionIcon, Code, Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.js';
import { CheckIcon, CopyIcon } from './icons.js';
import { VISUALLY_HIDDEN } from './visually-hidden.js';

export function CopyField({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  const tip =
    state === 'copied'
      ? 'Copied'
      : state === 'failed'
        ? 'Could not copy: select the text and press Ctrl+C'
        : `Copy ${label.toLowerCase()}`;
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          data-testid={testId}
        >
          {value}
        </Code>
        <Tooltip label={tip} withArrow opened={state !== 'idle' ? true : undefined}>
          <ActionIcon
            variant="light"
            color={state === 'copied' ? 'teal' : state === 'failed' ? 'red' : 'blue'}
            onClick={() => void copy()}
            aria-label={`Copy ${label.toLowerCase()}`}
            data-testid={testId ? `${testId}-copy` : undefined}
          >
            {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
          </ActionIcon>
        </Tooltip>
        <span role="status" aria-live="polite" style={VISUALLY_HIDDEN}>
          {state === 'copied' ? `${label} copied` : state === 'failed' ? 'Could not copy' : ''}
        </span>
      </Group>
    </div>
  );
}
