// A segmented choice (Format, Theme) with a visible label, read by screen readers as a labelled
// radio group.

import { SegmentedControl, Text } from '@mantine/core';

export function LabelledSegments<Value extends string>({
  id,
  label,
  value,
  onChange,
  data,
  testId,
}: {
  /** The label's element id (aria-labelledby). */
  id: string;
  label: string;
  value: Value;
  onChange(value: Value): void;
  data: Array<{ value: Value; label: string }>;
  testId: string;
}) {
  return (
    <div>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl<Value>
        role="radiogroup"
        aria-labelledby={id}
        value={value}
        onChange={onChange}
        data={data}
        data-testid={testId}
      />
    </div>
  );
}
