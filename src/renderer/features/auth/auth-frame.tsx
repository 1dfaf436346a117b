import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconLogo } from '../../ui/icons';

/** The calm full-page card used before the shell exists (connect, set-up, sign-in). */
export const AuthFrame = (props: {
  title: string;
  subtitle?: ReactNode;
  footer?: ReactNode;
  width?: number;
  children: ReactNode;
}) => (
  <Box className="outpost-auth-backdrop" component="main">
    <Center mih="100vh" p="md">
      <Stack gap="lg" w="100%" maw={props.width ?? 400}>
        <Group gap={10} justify="center" c="accent.7">
          <IconLogo size={30} />
          <Text fw={700} fz={24} c="dark.8">
            Outpost
          </Text>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Stack gap="md">
            <Box>
              <Title order={1} fz={20}>
                {props.title}
              </Title>
              {props.subtitle ? (
                <Text size="sm" c="dimmed" mt={4}>
                  {props.subtitle}
                </Text>
              ) : null}
            </Box>
            {props.children}
          </Stack>
        </Paper>
        {props.footer ? (
          <Text size="xs" c="dimmed" ta="center">
            {props.footer}
          </Text>
        ) : null}
      </Stack>
    </Center>
  </Box>
);
