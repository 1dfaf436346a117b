import {
  Badge,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Queue } from '../../../shared/domain/accounts';
import type { CatalogItem } from '../../../shared/domain/catalog';
import { IconRequest, IconSearch } from '../../ui/icons';

const matches = (item: CatalogItem, words: string[]) => {
  const text = `${item.name} ${item.description} ${item.category}`.toLowerCase();
  return words.every((w) => text.includes(w));
};

/** The service catalogue as cards, by category, with a filter: step one of a request. */
export const CatalogPicker = (props: {
  items: readonly CatalogItem[];
  queues: readonly Queue[];
  onPick: (item: CatalogItem) => void;
}) => {
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const active = props.items.filter((i) => i.active);
  const shown = active.filter((i) => matches(i, words));
  const groups = useMemo(() => {
    const byCategory = new Map<string, CatalogItem[]>();
    for (const i of shown) {
      const key = i.category || 'Other';
      byCategory.set(key, [...(byCategory.get(key) ?? []), i]);
    }
    return [...byCategory].sort(([a], [b]) => a.localeCompare(b));
  }, [shown]);

  if (active.length === 0) {
    return (
      <Paper withBorder radius="md" py={56} px="xl">
        <EmptyState
          icon={<IconRequest size={28} />}
          title="The service catalogue is empty"
          description="Service requests are raised from catalogue items (access, hardware, software). An administrator adds them to the hub's domain settings; they reach this device with the next sync."
          maw={560}
          mx="auto"
        />
      </Paper>
    );
  }
  const queueName = (id: string) => props.queues.find((q) => q.id === id)?.name;
  return (
    <Stack gap="md">
      <TextInput
        label="What do you need?"
        placeholder="Filter the catalogue: laptop, access, licence…"
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        data-autofocus
        autoFocus
        maw={480}
      />
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          No catalogue item matches “{filter.trim()}”.
        </Text>
      ) : null}
      {groups.map(([category, items]) => (
        <Stack key={category} gap="xs">
          <Title order={2} fz="sm" c="gray.7" tt="uppercase" lts={0.5}>
            {category}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {items.map((item) => (
              <button
                type="button"
                key={item.id}
                className="outpost-catalog-card"
                onClick={() => props.onPick(item)}
                data-testid={`catalog-item-${item.name}`}
              >
                <Stack gap={6}>
                  <Text fw={600} size="sm">
                    {item.name}
                  </Text>
                  {item.description ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {item.description}
                    </Text>
                  ) : null}
                  <Group gap={6}>
                    {item.needsApproval ? (
                      <Badge size="sm" variant="light" color="grape" tt="none">
                        Needs approval
                      </Badge>
                    ) : null}
                    <Badge size="sm" variant="light" color="gray" tt="none">
                      {item.fields.length} {item.fields.length === 1 ? 'question' : 'questions'}
                    </Badge>
                    {queueName(item.defaultQueueId) ? (
                      <Text size="xs" c="dimmed">
                        → {queueName(item.defaultQueueId)}
                      </Text>
                    ) : null}
                  </Group>
                </Stack>
              </button>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
};
