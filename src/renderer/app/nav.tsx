import { Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useRouteCounts, WorkNav } from '../features/queues/work-nav';
import type { Profile } from '../session/profile-cache';
import { navRoutes, type NavSection } from './routes';
import { hrefFor, matchPath } from './router';

const sections: { id: Exclude<NavSection, 'work'>; label: string }[] = [
  { id: 'desk', label: 'Service desk' },
  { id: 'insight', label: 'Insight' },
  { id: 'admin', label: 'Admin' },
];

/**
 * Left navigation; sections a user may not open are not shown at all. The
 * work views (My work, queues, Unassigned, Breaching soon, saved views) come
 * first, and entries carry their open-ticket counts from the local store.
 */
export const Nav = (props: { user: Profile; path: string; onNavigate?: () => void }) => {
  const counts = useRouteCounts();
  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <nav aria-label="Main">
        <Stack gap="md" p="sm">
          <WorkNav
            items={navRoutes(props.user, 'work')}
            path={props.path}
            onNavigate={props.onNavigate}
          />
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
                  const count = counts?.[route.id];
                  return (
                    <NavLink
                      key={route.id}
                      href={hrefFor(route.path)}
                      label={route.nav!.label}
                      leftSection={<Icon size={18} />}
                      rightSection={
                        count !== undefined && count > 0 ? (
                          <Badge
                            size="sm"
                            radius="sm"
                            variant="light"
                            color="gray"
                            aria-label={`${count} open`}
                          >
                            {count > 9999 ? `${Math.floor(count / 1000)}k` : count}
                          </Badge>
                        ) : undefined
                      }
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
};
