import { fireEvent, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../../shared/domain/catalog';
import type { ServiceRequest, Ticket } from '../../../shared/domain/ticket';
import type { CatalogItemId, QueueId } from '../../../shared/ids';
import { openOutpostDbByName } from '../../db/database';
import { incident, signedInWith } from '../search/testing';
import { newDraftKey } from './drafts';

/**
 * The create forms in the whole app: the priority they show, the catalogue
 * fields they check, the drafts they keep and the duplicates they suggest.
 */
const readDb = async (name: string) => {
  const db = openOutpostDbByName(name);
  await db.open();
  return db;
};

const ticketsIn = async (name: string): Promise<Ticket[]> => {
  const db = await readDb(name);
  const all = await db.tickets.toArray();
  db.close();
  return all;
};

const segment = (group: string, label: string) => {
  const radiogroup = document.querySelector(`[aria-labelledby="${group}-label"]`) as HTMLElement;
  return within(radiogroup).getByLabelText(label);
};

describe('new incident', () => {
  it('shows the priority the admin matrix derives, and creates the incident with it', async () => {
    // A matrix that differs from the default, so the form must read the domain settings.
    const app = await signedInWith({
      hash: '#/new/incident',
      settings: {
        priorityMatrix: [
          [1, 1, 2],
          [2, 3, 4],
          [3, 4, 5],
        ],
      },
    });
    const { screen, user } = app;
    const title = await screen.findByRole('textbox', { name: 'Title' });
    const priority = () => screen.getByTestId('derived-priority').textContent;
    expect(priority()).toContain('P5 Planning');
    await user.click(segment('impact', 'High'));
    expect(priority()).toContain('P2 High');
    await user.click(segment('urgency', 'Medium'));
    expect(priority()).toContain('P1 Critical');
    await user.type(title, 'Core switch down in building B');
    await user.click(screen.getByRole('button', { name: 'Create incident' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/tickets\//), { timeout: 10_000 });
    const [created] = await ticketsIn(app.dbName);
    expect(created).toMatchObject({
      type: 'incident',
      title: 'Core switch down in building B',
      impact: 1,
      urgency: 2,
      priority: 1,
      queueId: app.queue,
      requesterId: app.agent.id,
      state: 'new',
    });
    expect(window.location.hash).toBe(`#/tickets/${created!.id}`);
    const db = await readDb(app.dbName);
    expect(await db.settings.get(newDraftKey('incident'))).toBeUndefined();
    db.close();
  });

  it('names the field when the input is refused, and keeps everything typed', async () => {
    const app = await signedInWith({ hash: '#/new/incident' });
    const { screen, user } = app;
    const description = await screen.findByRole('textbox', { name: 'Description' });
    await user.type(description, 'Users on floor 2 cannot print');
    await user.click(screen.getByRole('button', { name: 'Create incident' }));
    expect(await screen.findByText('Title must not be empty')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Title' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect((description as HTMLTextAreaElement).value).toBe('Users on floor 2 cannot print');
    expect(await ticketsIn(app.dbName)).toEqual([]);
  });

  it('keeps the draft on the device when the user goes elsewhere, and brings it back', async () => {
    const app = await signedInWith({ hash: '#/new/incident' });
    const { screen, user } = app;
    await user.type(await screen.findByRole('textbox', { name: 'Title' }), 'Projector flickers');
    await user.click(segment('urgency', 'High'));
    await waitFor(async () => {
      const db = await readDb(app.dbName);
      const row = await db.settings.get(newDraftKey('incident'));
      db.close();
      expect(row?.value).toMatchObject({ title: 'Projector flickers', urgency: 1 });
    });
    window.location.hash = '#/incidents';
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull());
    window.location.hash = '#/new/incident';
    const title = await screen.findByRole('textbox', { name: 'Title' });
    await waitFor(() => expect((title as HTMLInputElement).value).toBe('Projector flickers'));
    expect(screen.getByTestId('derived-priority').textContent).toContain('P3 Moderate');
  });

  it('suggests open tickets like the one being typed, not closed ones', async () => {
    const app = await signedInWith({
      hash: '#/new/incident',
      tickets: ({ queue }) => [
        incident(queue, { title: 'VPN drops every few minutes', number: 'INC0000201' }),
        incident(queue, {
          title: 'VPN drops every few minutes in Leeds',
          number: 'INC0000202',
          state: 'closed',
        } as Partial<Ticket>),
        incident(queue, { title: 'Printer jam', number: 'INC0000203' }),
      ],
    });
    const { screen, user } = app;
    await user.type(
      await screen.findByRole('textbox', { name: 'Title' }),
      'VPN keeps dropping every few minutes',
    );
    const box = await screen.findByTestId('duplicate-suggestions', {}, { timeout: 5000 });
    await waitFor(() => expect(within(box).queryByTestId('duplicate-INC0000201')).toBeTruthy());
    expect(within(box).queryByTestId('duplicate-INC0000202')).toBeNull();
    expect(within(box).queryByTestId('duplicate-INC0000203')).toBeNull();
    await user.click(within(box).getByTestId('duplicate-INC0000201'));
    const preview = await screen.findByTestId('duplicate-preview');
    expect(within(preview).getByRole('button', { name: 'Open INC0000201' })).toBeTruthy();
  });
});

const laptop = (queue: QueueId): CatalogItem => ({
  id: '0190f5a0-0000-7000-8000-0000000000aa' as CatalogItemId,
  name: 'Laptop',
  description: 'A standard laptop.',
  category: 'Hardware',
  defaultQueueId: queue,
  needsApproval: true,
  active: true,
  fields: [
    {
      key: 'model',
      label: 'Model',
      kind: 'select',
      required: true,
      help: '',
      options: ['T14', 'Air'],
    },
    {
      key: 'quantity',
      label: 'Quantity',
      kind: 'number',
      required: true,
      help: '',
      min: 1,
      max: 5,
      integer: true,
    },
    { key: 'adminRights', label: 'Admin rights', kind: 'boolean', required: true, help: '' },
    { key: 'neededBy', label: 'Needed by', kind: 'date', required: false, help: '' },
    {
      key: 'note',
      label: 'Justification',
      kind: 'text',
      required: false,
      help: '',
      maxLength: 100,
    },
  ],
});

describe('new service request', () => {
  const withCatalogue = async () => {
    const queue = '0190f5a0-0000-7000-8000-0000000000bb' as QueueId;
    const app = await signedInWith({
      hash: '#/new/request',
      settings: {
        catalogItems: [
          laptop(queue),
          {
            ...laptop(queue),
            id: '0190f5a0-0000-7000-8000-0000000000ac' as CatalogItemId,
            name: 'Old phone',
            active: false,
          },
        ],
      },
    });
    return app;
  };

  it('offers only active catalogue items, and shows the approval note', async () => {
    const { screen, user } = await withCatalogue();
    await user.click(await screen.findByTestId('catalog-item-Laptop'));
    expect(screen.queryByTestId('catalog-item-Old phone')).toBeNull();
    expect((await screen.findByTestId('approval-note')).textContent).toContain('waits in Approval');
  });

  it('checks the item’s own fields, names each problem, and raises the request', async () => {
    const app = await withCatalogue();
    const { screen, user } = app;
    await user.click(await screen.findByTestId('catalog-item-Laptop'));
    await user.click(screen.getByRole('button', { name: 'Raise request' }));
    const fields = screen.getByTestId('catalog-fields');
    for (const message of [
      'Model is required',
      'Quantity is required',
      'Admin rights is required',
    ]) {
      expect(await within(fields).findByText(message)).toBeTruthy();
    }
    expect(
      within(fields).queryByText(/Needed by/i, { selector: '.mantine-InputWrapper-error' }),
    ).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Quantity' }), { target: { value: '7' } });
    await user.click(screen.getByRole('combobox', { name: 'Model' }));
    await user.click(await screen.findByRole('option', { name: 'Air' }));
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Raise request' }));
    expect(await within(fields).findByText('Quantity must be at most 5')).toBeTruthy();
    expect(await ticketsIn(app.dbName)).toEqual([]);
    fireEvent.change(screen.getByRole('textbox', { name: 'Quantity' }), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Needed by'), { target: { value: '2031-03-02' } });
    await user.click(screen.getByRole('button', { name: 'Raise request' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/tickets\//), { timeout: 10_000 });
    const [created] = (await ticketsIn(app.dbName)) as ServiceRequest[];
    expect(created).toMatchObject({
      type: 'request',
      title: 'Laptop',
      state: 'approval',
      requestFields: {
        model: 'Air',
        quantity: 2,
        adminRights: true,
        neededBy: '2031-03-02',
        note: null,
      },
    });
  });
});
