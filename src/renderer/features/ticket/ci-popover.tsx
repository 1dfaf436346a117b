import { Badge, Group, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { ConfigurationItem } from '../../../shared/domain/configuration-item';
import type { Directory } from './use-ticket-data';

const kindLabels: Record<ConfigurationItem['kind'], string> = {
  service: 'Service',
  application: 'Application',
  host: 'Host',
  device: 'Device',
  database: 'Database',
  network: 'Network',
  other: 'Other',
};

const statusLabels: Record<ConfigurationItem['status'], string> = {
  planned: 'Planned',
  active: 'Active',
  maintenance: 'In maintenance',
  retired: 'Retired',
};

const statusColors: Record<ConfigurationItem['status'], string> = {
  planned: 'blue',
  active: 'teal',
  maintenance: 'orange',
  retired: 'dark',
};

/** Attributes shown in the popover; the rest are counted. */
const SHOWN_ATTRIBUTES = 6;

const Details = ({ ci, dir }: { ci: ConfigurationItem; dir: Directory }) => {
  const attributes = Object.entries(ci.attributes);
  const parent = ci.parentId ? dir.cis.get(ci.parentId) : undefined;
  return (
    <Stack gap={8}>
      <Group gap={6}>
        <Text fw={600} size="sm">
          {ci.name}
        </Text>
        <Badge size="sm" variant="light" color={statusColors[ci.status]} radius="sm" tt="none">
          {statusLabels[ci.status]}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {kindLabels[ci.kind]}
        {ci.ownerQueueId
          ? ` · owned by ${dir.queues.get(ci.ownerQueueId)?.name ?? 'a queue not on this device'}`
          : ''}
        {parent ? ` · part of ${parent.name}` : ''}
      </Text>
      {ci.description.trim() ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
          {ci.description}
        </Text>
      ) : null}
      {attributes.length ? (
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="xs">
          <Table.Tbody>
            {attributes.slice(0, SHOWN_ATTRIBUTES).map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Td c="dimmed" pr="sm" style={{ whiteSpace: 'nowrap' }}>
                  {k}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {attributes.length > SHOWN_ATTRIBUTES ? (
        <Text size="xs" c="dimmed">
          and {attributes.length - SHOWN_ATTRIBUTES} more attributes
        </Text>
      ) : null}
    </Stack>
  );
};

/**
 * A configuration item named in a link: its name opens a card with what
 * this device knows of it (kind, status, owner, description, attributes).
 */
export const CiLink = ({ ciId, dir }: { ciId: string; dir: Directory }) => {
  const ci = dir.cis.get(ciId);
  const name = ci?.name ?? 'Configuration item';
  return (
    <Popover width={320} position="bottom-start" shadow="md" withArrow trapFocus={false}>
      <Popover.Target>
        <UnstyledButton
          aria-label={`Details of ${name}`}
          style={{ minWidth: 0 }}
          c="accent.8"
          fz="sm"
          td="underline"
        >
          <Text span size="sm" truncate inherit>
            {name}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="ci-details" role="dialog" aria-label={name}>
        {ci ? (
          <Details ci={ci} dir={dir} />
        ) : (
          <Text size="sm" c="dimmed">
            This configuration item is not on this device yet; it appears after the next sync.
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
};
