import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of every page: title, one line of purpose, actions on the right. */
export const Page = (props: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) => (
  <Stack gap="lg" maw={1280} mx="auto" w="100%">
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Box>
        <Title order={1} fz={22}>
          {props.title}
        </Title>
        {props.description ? (
          <Text c="dimmed" size="sm" mt={4}>
            {props.description}
          </Text>
        ) : null}
      </Box>
      {props.actions ? <Group gap="sm">{props.actions}</Group> : null}
    </Group>
    {props.children}
  </Stack>
);
