import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import type { Level } from '../../../shared/domain/priority';
import type { Choice } from './portal-words';

/**
 * A plain-language question with three answers as large cards. Native
 * radio inputs underneath: arrow keys move between answers, Tab leaves the
 * group, and a screen reader hears the question, the answer and its hint.
 */
export const ChoiceGroup = (props: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  value: Level | null;
  onChange: (v: Level) => void;
  error?: string;
  testId?: string;
}) => {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset
      className="outpost-portal-fieldset"
      aria-describedby={props.error ? errorId : undefined}
      data-testid={props.testId}
    >
      <legend>
        <Text size="sm" fw={600} component="span">
          {props.legend}
        </Text>{' '}
        <Text size="sm" c="red.8" component="span" aria-hidden="true">
          *
        </Text>
      </legend>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt={6}>
        {props.choices.map((c) => {
          const inputId = `${id}-${c.value}`;
          const checked = props.value === c.value;
          return (
            <div
              key={c.value}
              className="outpost-portal-choice"
              data-checked={checked || undefined}
            >
              <input
                type="radio"
                id={inputId}
                name={`${props.name}-${id}`}
                value={c.value}
                checked={checked}
                required
                aria-invalid={props.error ? true : undefined}
                aria-describedby={`${inputId}-hint`}
                onChange={() => props.onChange(c.value)}
                className="outpost-portal-choice-input"
              />
              <Stack gap={2}>
                <label htmlFor={inputId} className="outpost-portal-choice-label">
                  {c.label}
                </label>
                <Text size="xs" c="dimmed" id={`${inputId}-hint`}>
                  {c.hint}
                </Text>
              </Stack>
            </div>
          );
        })}
      </SimpleGrid>
      {props.error ? (
        <Text size="sm" c="red.8" mt={6} id={errorId}>
          {props.error}
        </Text>
      ) : null}
    </fieldset>
  );
};
