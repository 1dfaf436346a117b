import { Affix, Notification } from '@mantine/core';
import { useSyncStatus } from '../sync/status-store';

/** What a rebuild of the local store kept: how many unsent edits, or why they could not be read yet. */
export type RebuildOutcome = { kept: number } | { kept: null; readError: string };

const changes = (n: number) => (n === 1 ? '1 unsent change was' : `${n} unsent changes were`);

/** The plain-words account of a rebuild, for the person whose store it was. */
export const rebuildMessage = (outcome: RebuildOutcome, offline: boolean): string => {
  if (outcome.kept === null) {
    return (
      "This device's copy was damaged and has been cleared. Outpost could not yet read back " +
      `the separate copy of your unsent changes (${outcome.readError}). It is kept, and ` +
      'Outpost will try again before reloading anything from the hub.'
    );
  }
  if (offline) {
    const kept =
      outcome.kept > 0
        ? `${changes(outcome.kept)} kept and will be sent then.`
        : 'It held no unsent changes, so nothing was lost.';
    return (
      "This device's copy was damaged and has been cleared. Outpost cannot reach the hub " +
      `right now, so it will be rebuilt from the hub when the connection returns; ${kept}`
    );
  }
  return outcome.kept > 0
    ? `This device's copy was damaged and has been rebuilt from the hub; ${changes(outcome.kept)} kept and will be sent.`
    : "This device's copy was damaged and has been rebuilt from the hub. It held no unsent changes, so nothing was lost.";
};

/**
 * Shown over the shell after the local store had to be rebuilt, until the
 * user closes it. Follows the connection: offline, it says the rebuild
 * waits for the hub.
 */
export const LocalStoreNotice = (props: { outcome: RebuildOutcome; onClose: () => void }) => {
  const offline = useSyncStatus((s) => s.connection === 'offline');
  return (
    <Affix position={{ bottom: 16, left: 16 }} zIndex={400}>
      <Notification
        role="status"
        title="Your local copy was rebuilt"
        color={props.outcome.kept === null ? 'orange' : 'accent'}
        onClose={props.onClose}
        closeButtonProps={{ 'aria-label': 'Dismiss' }}
        maw={440}
        data-testid="local-store-notice"
      >
        {rebuildMessage(props.outcome, offline)}
      </Notification>
    </Affix>
  );
};
