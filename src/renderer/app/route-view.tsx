import { Anchor, EmptyState, Paper } from '@mantine/core';
import { useEffect } from 'react';
import type { Profile } from '../session/profile-cache';
import { IconLock, IconProblem } from '../ui/icons';
import { Page } from '../ui/page';
import { canOpen, homeFor, redirectFor, redirects, routes } from './routes';
import { roleLabels } from './user-menu';
import { hrefFor, navigate, resolveRoute, useLocation } from './router';

/** Renders the page for the current hash, or says why it cannot. */
export const RouteView = ({ user }: { user: Profile }) => {
  const { path } = useLocation();
  const home = homeFor(user);
  const target = redirects[path] ?? redirectFor(user, path) ?? path;
  const resolution = resolveRoute(routes, target, {
    home,
    canOpen: (r) => canOpen(user, r),
  });
  const redirectTo =
    resolution.kind === 'redirect' ? resolution.to : target !== path ? target : null;

  useEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo]);

  const title = resolution.kind === 'match' ? resolution.route.title : null;
  useEffect(() => {
    document.title = title ? `${title} · Outpost` : 'Outpost';
  }, [title]);

  if (resolution.kind === 'redirect' || redirectTo) return null;
  if (resolution.kind === 'match') return <>{resolution.route.render(resolution.params)}</>;

  const forbidden = resolution.kind === 'forbidden';
  return (
    <Page title={forbidden ? 'Not available' : 'Page not found'}>
      <Paper withBorder radius="md" py={56} px="xl">
        <EmptyState
          icon={forbidden ? <IconLock size={28} /> : <IconProblem size={28} />}
          title={
            forbidden
              ? `${resolution.route.title} needs the ${roleLabels[resolution.route.requires ?? 'admin']} role`
              : `Nothing lives at ${resolution.path}`
          }
          description={
            <>
              {forbidden
                ? 'Your account does not have the role this page needs. '
                : 'The link may be old or mistyped. '}
              <Anchor href={hrefFor(home)}>
                Go to {routes.find((r) => r.path === home)?.title ?? 'the start page'}
              </Anchor>
            </>
          }
          maw={520}
          mx="auto"
        />
      </Paper>
    </Page>
  );
};
