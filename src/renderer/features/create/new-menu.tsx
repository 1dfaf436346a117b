import { Button, Kbd, Menu } from '@mantine/core';
import { navigate } from '../../app/router';
import { IconChevronDown, IconIncident, IconPlus, IconRequest } from '../../ui/icons';
import { NEW_INCIDENT_PATH, NEW_REQUEST_PATH } from '../search/palette-commands';

/** "New" in the top bar: an incident (also `n` anywhere) or a service request. */
export const NewMenu = () => (
  <Menu position="bottom-end" width={240} shadow="md">
    <Menu.Target>
      <Button
        size="sm"
        leftSection={<IconPlus size={16} />}
        rightSection={<IconChevronDown size={14} />}
        data-testid="new-menu"
      >
        New
      </Button>
    </Menu.Target>
    <Menu.Dropdown>
      <Menu.Item
        leftSection={<IconIncident size={16} />}
        rightSection={<Kbd size="xs">n</Kbd>}
        onClick={() => navigate(NEW_INCIDENT_PATH)}
      >
        Incident
      </Menu.Item>
      <Menu.Item leftSection={<IconRequest size={16} />} onClick={() => navigate(NEW_REQUEST_PATH)}>
        Service request
      </Menu.Item>
    </Menu.Dropdown>
  </Menu>
);
