import { Button, Group, Paper, Text } from '@mantine/core';

/**
 * Said above an editor that came back with text typed in an earlier visit,
 * so the user knows this is not the saved value, and can throw it away.
 * `changedSince` warns that the saved value moved on after the draft began:
 * saving the draft would replace someone else's newer text.
 */
export const RestoredDraftNote = (props: {
  what: string;
  onDiscard: () => void;
  changedSince?: boolean;
}) => (
  <Paper
    withBorder
    radius="sm"
    px="sm"
    py={6}
    bg={props.changedSince ? 'orange.0' : 'blue.0'}
    data-testid="restored-draft"
    role="status"
  >
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="xs">
        Restored your unsaved draft of the {props.what} from this device.
        {props.changedSince
          ? ` The ${props.what} was changed since you began it; saving replaces that change with yours.`
          : ''}
      </Text>
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray.8"
        onClick={props.onDiscard}
        style={{ flex: 'none' }}
      >
        Discard draft
      </Button>
    </Group>
  </Paper>
);
