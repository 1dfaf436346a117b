import { Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { derivePriority, type Level, type PriorityMatrix } from '../../../shared/domain/priority';
import { PriorityBadge } from '../../ui/ticket-badges';

const levelData = [
  { value: '1', label: 'High' },
  { value: '2', label: 'Medium' },
  { value: '3', label: 'Low' },
];

/**
 * Impact and urgency side by side, with the priority the admin's matrix
 * derives from them shown as they change: priority is never typed in.
 */
export const PriorityPicker = (props: {
  impact: Level;
  urgency: Level;
  matrix: PriorityMatrix;
  onChange: (v: { impact: Level; urgency: Level }) => void;
}) => {
  const priority = derivePriority(props.impact, props.urgency, props.matrix);
  return (
    <Stack gap={6}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="impact-label">
            Impact
          </Text>
          <Text size="xs" c="dimmed">
            How many people or how much of the service is affected
          </Text>
          <SegmentedControl
            data={levelData}
            value={String(props.impact)}
            onChange={(v) => props.onChange({ impact: Number(v) as Level, urgency: props.urgency })}
            aria-labelledby="impact-label"
            fullWidth
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="urgency-label">
            Urgency
          </Text>
          <Text size="xs" c="dimmed">
            How soon it hurts the business if nothing is done
          </Text>
          <SegmentedControl
            data={levelData}
            value={String(props.urgency)}
            onChange={(v) => props.onChange({ impact: props.impact, urgency: Number(v) as Level })}
            aria-labelledby="urgency-label"
            fullWidth
          />
        </Stack>
      </SimpleGrid>
      <Group gap={8} data-testid="derived-priority" aria-live="polite">
        <Text size="sm" c="dimmed">
          Priority
        </Text>
        <PriorityBadge priority={priority} />
        <Text size="xs" c="dimmed">
          from impact {props.impact} × urgency {props.urgency}
        </Text>
      </Group>
    </Stack>
  );
};
