import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueId } from '../../../shared/ids';
import { fakeId } from '../../testing/fake-hub';
import { renderApp, seededHub } from '../../testing/render-app';

const asAdmin = () => {
  const seeded = seededHub();
  seeded.hub.sessionUserId = seeded.admin.id;
  return seeded;
};

describe('admin queues page', () => {
  it('offers to create the first queue, then lists it with its member count', async () => {
    const { hub } = asAdmin();
    const { screen, user } = renderApp({ hub, hash: '#/admin/queues' });
    expect(await screen.findByText('No queues yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create the first queue' }));
    const dialog = await screen.findByRole('dialog', { name: 'New queue' });
    await user.click(within(dialog).getByRole('button', { name: 'Create queue' }));
    expect(await within(dialog).findByText('Name must not be empty')).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/^Name/), 'Network');
    await user.click(within(dialog).getByRole('button', { name: 'Create queue' }));
    const row = await screen.findByTestId('queue-row-Network');
    expect(within(row).getByText('No members')).toBeTruthy();
    expect(await screen.findByText('Queue Network created.')).toBeTruthy();
  });

  it('renames a queue and shows a name clash from the hub on the field', async () => {
    const { hub } = asAdmin();
    hub.queues.push(
      {
        id: fakeId<QueueId>(),
        name: 'Network',
        description: '',
        disabled: false,
      },
      {
        id: fakeId<QueueId>(),
        name: 'Desk',
        description: '',
        disabled: false,
      },
    );
    const { screen, user } = renderApp({ hub, hash: '#/admin/queues' });
    await user.click(await screen.findByRole('button', { name: 'Actions for queue Desk' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename or describe' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Desk' });
    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'network{Enter}');
    expect(
      await within(dialog).findByText("Name 'network' is already used by another queue"),
    ).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'Service Desk{Enter}');
    expect(await screen.findByTestId('queue-row-Service Desk')).toBeTruthy();
    expect(hub.queues.find((q) => q.name === 'Service Desk')).toBeTruthy();
  });
});
