// An editable table of name/value pairs (query parameters, headers). Every cell has a label for
// screen readers; an empty last row is always there to type into.

import { ActionIcon, Table, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { VISUALLY_HIDDEN } from '../../components/visually-hidden.js';

export interface Pair {
  key: string;
  value: string;
}

export const withBlankRow = (rows: Pair[]): Pair[] =>
  rows.length === 0 || rows[rows.length - 1]!.key || rows[rows.length - 1]!.value
    ? [...rows, { key: '', value: '' }]
    : rows;

/** One name or value: a small field labelled for screen readers (the table has no labels). */
function PairCell(props: {
  label: string;
  placeholder: string | undefined;
  value: string;
  onChange(value: string): void;
  error?: string;
}) {
  return (
    <Table.Td>
      <TextInput
        size="xs"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error}
        spellCheck={false}
      />
    </Table.Td>
  );
}

export function KeyValueEditor(props: {
  rows: Pair[];
  onChange(rows: Pair[]): void;
  noun: string;
  fixedRows?: ReactNode;
  testId: string;
  keyNote?(key: string): string | undefined;
}) {
  const rows = withBlankRow(props.rows);
  const set = (index: number, patch: Partial<Pair>) =>
    props.onChange(
      rows
        .map((row, i) => (i === index ? { ...row, ...patch } : row))
        .filter((r, i, all) => i === all.length - 1 || r.key || r.value),
    );
  const remove = (index: number) => props.onChange(rows.filter((_, i) => i !== index));
  return (
    <Table withTableBorder data-testid={props.testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th w={40}>
            <span className="visually-hidden" style={VISUALLY_HIDDEN}>
              Remove
            </span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.fixedRows}
        {rows.map((row, index) => {
          const last = index === rows.length - 1;
          const note = props.keyNote?.(row.key);
          return (
            <Table.Tr key={index}>
              <PairCell
                label={`${props.noun} ${index + 1} name`}
                placeholder={last ? 'name' : undefined}
                value={row.key}
                onChange={(key) => set(index, { key })}
                error={note}
              />
              <PairCell
                label={`${props.noun} ${index + 1} value`}
                placeholder={last ? 'value' : undefined}
                value={row.value}
                onChange={(value) => set(index, { value })}
              />
              <Table.Td>
                {!last && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    onClick={() => remove(index)}
                    aria-label={`Remove ${props.noun.toLowerCase()} ${index + 1}`}
                  >
                    ×
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
