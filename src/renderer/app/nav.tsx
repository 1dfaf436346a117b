import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import type { Profile } from '../session/profile-cache';
import { navRoutes, type NavSection } from './routes';
import { hrefFor, matchPath } from './router';

const sections: { id: NavSection; label: string }[] = [
  { id: 'desk', label: 'Service desk' },
  { id: 'insight', label: 'Insight' },
  { id: 'admin', label: 'Admin' },
];

/** Left navigation; sections a user may not open are not shown at all. */
export const Nav = (props: { user: Profile; path: string; onNavigate?: () => void }) => (
  <ScrollArea type="scroll" style={{ flex: 1 }}>
    <nav aria-label="Main">
      <Stack gap="md" p="sm">
        {sections.map((section) => {
          const items = navRoutes(props.user, section.id);
          if (items.length === 0) return null;
          return (
            <Stack key={section.id} gap={2} data-testid={`nav-section-${section.id}`}>
              <Text size="xs" fw={600} c="gray.7" tt="uppercase" px="sm" pb={4} lts={0.5}>
                {section.label}
              </Text>
              {items.map((route) => {
                const Icon = route.nav!.icon;
                const active = matchPath(route.path, props.path) !== null;
                return (
                  <NavLink
                    key={route.id}
                    href={hrefFor(route.path)}
                    label={route.nav!.label}
                    leftSection={<Icon size={18} />}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    className="outpost-nav-link"
                    variant="light"
                    onClick={props.onNavigate}
                    style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  />
                );
              })}
            </Stack>
          );
        })}
      </Stack>
    </nav>
  </ScrollArea>
);
