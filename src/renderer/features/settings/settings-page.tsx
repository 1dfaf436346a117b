import { Alert, List, Stack } from '@mantine/core';
import { readIpcError } from '../../../shared/ipc/errors';
import { useServices } from '../../app/services';
import { IconAlert } from '../../ui/icons';
import { Page } from '../../ui/page';
import { AboutSection } from './about-section';
import { HostSection } from './host-section';
import { HubSection } from './hub-section';
import { NetworkSection } from './network-section';
import { useDesktopSettings } from './use-desktop-settings';

/**
 * Settings (#/settings, from the user menu). The desktop shows its hub,
 * host mode and LAN pairing, with policy-locked values marked; in a browser
 * only what applies there is shown: the hub, versions and local data.
 */
export const SettingsPage = () => {
  const { platform, session } = useServices();
  const desktop = platform.desktop;
  const state = useDesktopSettings(desktop);
  const problems = state.settings?.problems ?? [];

  const useAsHub = async () => {
    if (!desktop) return null;
    try {
      const { hubUrl } = await desktop.hostUseAsHub();
      await session.connectHub(hubUrl);
      return null;
    } catch (e) {
      return readIpcError(e);
    }
  };

  return (
    <Page
      title="Settings"
      description={
        desktop
          ? 'This device’s hub, host mode for small teams, network and updates, and support information.'
          : 'The hub this page belongs to and what is kept in this browser.'
      }
    >
      <Stack gap="lg" maw={880}>
        {state.loadError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlert size={18} />}>
            Settings could not be read: {state.loadError}
          </Alert>
        ) : null}
        {problems.length > 0 ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlert size={18} />}
            title="Problems with the settings or the policy file"
          >
            <List size="sm" spacing={4}>
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <HubSection desktop={desktop} settings={state.settings} />
        {desktop && state.host ? (
          <HostSection host={state.host} hostAction={state.hostAction} onUseAsHub={useAsHub} />
        ) : null}
        {desktop && state.settings ? (
          <NetworkSection settings={state.settings} platform={state.info?.platform ?? null} />
        ) : null}
        <AboutSection desktop={desktop} info={state.info} />
      </Stack>
    </Page>
  );
};
