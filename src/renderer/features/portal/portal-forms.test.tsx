import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPortalHarness, type PortalHarness } from './portal-test-harness';
import { PROBLEM_DRAFT_KEY, ReportProblemPage } from './report-problem';
import { REQUEST_DRAFT_KEY, RequestSomethingPage } from './request-something';

let h: PortalHarness;
beforeEach(async () => {
  h = await createPortalHarness();
  window.location.hash = '#/portal/new/problem';
});

describe('report a problem', () => {
  it('names each missing answer, keeps the draft, and sends an incident to the front desk', async () => {
    const first = h.show(<ReportProblemPage />);
    const title = await screen.findByRole('textbox', { name: 'What is wrong?' });
    await first.user.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByText('Say in a few words what is wrong')).toBeTruthy();
    expect(screen.getByText('Choose who is affected')).toBeTruthy();
    expect(screen.getByText('Choose how much it gets in your way')).toBeTruthy();
    expect(await h.db.tickets.count()).toBe(0);
    // The first question in error has the focus, and keeps it while the answer is typed.
    await waitFor(() => expect(document.activeElement).toBe(title));

    await first.user.type(title, 'Printer on floor 2 jams');
    await first.user.click(screen.getByRole('radio', { name: 'Several people' }));
    await waitFor(async () =>
      expect((await h.db.settings.get(PROBLEM_DRAFT_KEY))?.value).toMatchObject({
        title: 'Printer on floor 2 jams',
        impact: 2,
      }),
    );
    first.unmount();

    // A reload (or a crash) loses nothing.
    const second = h.show(<ReportProblemPage />);
    const again = await screen.findByRole('textbox', { name: 'What is wrong?' });
    expect((again as HTMLInputElement).value).toBe('Printer on floor 2 jams');
    expect(
      (screen.getByRole('radio', { name: 'Several people' }) as HTMLInputElement).checked,
    ).toBe(true);
    await second.user.type(
      screen.getByRole('textbox', { name: 'Tell us more' }),
      'Every page since Monday',
    );
    await second.user.click(screen.getByRole('radio', { name: 'I cannot work at all' }));
    await second.user.click(screen.getByRole('button', { name: 'Send report' }));

    await waitFor(() => expect(window.location.hash).toMatch(/^#\/portal\/tickets\//));
    const [t] = await h.db.tickets.toArray();
    expect(t).toMatchObject({
      type: 'incident',
      title: 'Printer on floor 2 jams',
      description: 'Every page since Monday',
      requesterId: h.users.rita.id,
      queueId: h.desk, // "Service Desk", not the alphabetically first "Network"
      impact: 2,
      urgency: 1,
      priority: 2,
      state: 'new',
      number: null,
    });
    expect(window.location.hash).toBe(`#/portal/tickets/${t!.id}`);
    expect(await h.db.settings.get(PROBLEM_DRAFT_KEY)).toBeUndefined();
    expect((await h.db.outbox.toArray()).map((e) => e.name)).toEqual(['incident.create']);
  });

  it('moves between answers with the arrow keys', async () => {
    const { user } = h.show(<ReportProblemPage />);
    const justMe = await screen.findByRole('radio', { name: 'Just me' });
    await user.click(justMe);
    await user.keyboard('{ArrowRight}');
    expect(
      (screen.getByRole('radio', { name: 'Several people' }) as HTMLInputElement).checked,
    ).toBe(true);
  });
});

describe('request something', () => {
  it('picks from the catalogue, checks the item’s own questions, and raises the request', async () => {
    const { user } = h.show(<RequestSomethingPage />);
    await user.click(await screen.findByTestId('catalog-item-Laptop'));
    expect(await screen.findByTestId('portal-request-item')).toHaveProperty(
      'textContent',
      'Laptop',
    );
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    const fields = screen.getByTestId('portal-request-fields');
    expect(await within(fields).findByText('Model is required')).toBeTruthy();
    expect(await h.db.tickets.count()).toBe(0);

    await user.click(within(fields).getByRole('combobox', { name: 'Model' }));
    await user.click(await screen.findByRole('option', { name: 'MacBook Air 13' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Anything else we should know?' }),
      'For the new starter',
    );
    await waitFor(async () =>
      expect((await h.db.settings.get(REQUEST_DRAFT_KEY))?.value).toMatchObject({
        catalogItemId: h.item.id,
        fields: { model: 'MacBook Air 13' },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/portal\/tickets\//));
    const [t] = await h.db.tickets.toArray();
    expect(t).toMatchObject({
      type: 'request',
      title: 'Laptop',
      catalogItemId: h.item.id,
      requestFields: { model: 'MacBook Air 13', neededBy: null },
      requesterId: h.users.rita.id,
      description: 'For the new starter',
    });
    expect(await h.db.settings.get(REQUEST_DRAFT_KEY)).toBeUndefined();
  });
});
