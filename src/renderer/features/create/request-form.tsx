import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { isStaff } from '../../../shared/domain/access';
import type { CatalogItem, RequestFieldValue } from '../../../shared/domain/catalog';
import type { Level } from '../../../shared/domain/priority';
import { newId, type TicketId } from '../../../shared/ids';
import { requestCreate } from '../../../shared/sync/mutations/create-request';
import { navigate } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import { fieldErrorsFrom } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { CatalogFields, catalogFieldErrors, fieldErrorKey, fieldValuesFor } from './catalog-fields';
import { CatalogPicker } from './catalog-picker';
import { useNewDraft } from './drafts';
import { DuplicateSuggestions } from './duplicate-suggestions';
import { FormActions } from './incident-form';
import { MarkdownField } from './markdown-field';
import { PriorityPicker } from './priority-picker';
import { errorsFromDomain, useCreateMutation, useFocusFirstError, type Errors } from './submit';
import { useCreateRefs, type CreateRefs } from './use-create-refs';
import './create.css';

export interface RequestDraft {
  catalogItemId: string | null;
  title: string;
  description: string;
  requesterId: string | null;
  impact: Level;
  urgency: Level;
  fields: Record<string, RequestFieldValue>;
}

export const emptyRequest: RequestDraft = {
  catalogItemId: null,
  title: '',
  description: '',
  requesterId: null,
  impact: 3,
  urgency: 3,
  fields: {},
};

const isBlankRequest = (d: RequestDraft) =>
  d.catalogItemId === null && d.title.trim() === '' && d.description.trim() === '';

export const NewRequestPage = () => {
  const refs = useCreateRefs();
  const state = useNewDraft('request', emptyRequest, isBlankRequest);
  const { draft } = state;
  const item = refs?.settings.catalogItems.find((i) => i.id === draft?.catalogItemId) ?? null;
  return (
    <Page
      title="New service request"
      description="Ask for something from the service catalogue: access, hardware, software. It is kept on this device and sent when the hub is reachable."
    >
      {!refs || !draft ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={6} />
        </Paper>
      ) : item ? (
        <RequestForm refs={refs} item={item} {...state} draft={draft} />
      ) : (
        <CatalogPicker
          items={refs.settings.catalogItems}
          queues={refs.queues}
          onPick={(picked) => state.update({ catalogItemId: picked.id, fields: {} })}
        />
      )}
    </Page>
  );
};

const RequestForm = (props: {
  refs: CreateRefs;
  item: CatalogItem;
  draft: RequestDraft;
  update: (p: Partial<RequestDraft>) => void;
  clear: () => Promise<void>;
  saveError: string | null;
}) => {
  const { refs, item, draft: d, update } = props;
  const user = useCurrentUser();
  const staff = isStaff({ roles: user.roles });
  const mutate = useCreateMutation();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  useFocusFirstError(errors, '#new-request');
  const requesterId = staff ? (d.requesterId ?? user.id) : user.id;
  const userData = useMemo(
    () => refs.users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    [refs.users],
  );
  const queueName = refs.queues.find((q) => q.id === item.defaultQueueId)?.name;
  const labels: Record<string, string> = {
    title: 'Title',
    description: 'Details',
    requesterId: 'Requester',
    catalogItemId: 'Catalogue item',
    impact: 'Impact',
    urgency: 'Urgency',
    ...Object.fromEntries(item.fields.map((f) => [fieldErrorKey(f.key), f.label])),
  };

  const dropErrors = (keys: string[]) =>
    setErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k) && k !== 'form')),
    );
  const set = (patch: Partial<RequestDraft>) => {
    update(patch);
    dropErrors(Object.keys(patch));
  };
  const setField = (key: string, value: RequestFieldValue) => {
    update({ fields: { ...d.fields, [key]: value } });
    dropErrors([fieldErrorKey(key)]);
  };

  const submit = async () => {
    if (busy) return;
    const values = fieldValuesFor(item, d.fields);
    const fieldErrors = catalogFieldErrors(item, values);
    const id = newId<TicketId>();
    const args = {
      id,
      ...(d.title.trim() ? { title: d.title } : {}),
      description: d.description,
      requesterId,
      impact: d.impact,
      urgency: d.urgency,
      catalogItemId: item.id,
      requestFields: values,
    };
    const parsed = requestCreate.args.safeParse(args);
    const schemaErrors = parsed.success ? {} : (fieldErrorsFrom(parsed.error, labels) as Errors);
    if (Object.keys(fieldErrors).length > 0 || !parsed.success) {
      setErrors({ ...schemaErrors, ...fieldErrors });
      return;
    }
    setBusy(true);
    const r = await mutate('request.create', args);
    setBusy(false);
    if (!r.ok) {
      setErrors(errorsFromDomain(r.error, labels));
      return;
    }
    await props.clear();
    notifySuccess(
      item.needsApproval
        ? 'Request raised. It waits for approval before work starts.'
        : 'Request raised. It gets its number when the hub receives it.',
    );
    navigate(`/tickets/${id}`);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      maw={880}
      id="new-request"
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.5}>
              {item.category || 'Catalogue item'}
            </Text>
            <Text fw={700} size="lg" data-testid="request-item-name">
              {item.name}
            </Text>
            {item.description ? (
              <Text size="sm" c="dimmed">
                {item.description}
              </Text>
            ) : null}
            {queueName ? (
              <Text size="xs" c="dimmed">
                Fulfilled by {queueName}
              </Text>
            ) : null}
          </Stack>
          <Button
            variant="default"
            size="xs"
            onClick={() => set({ catalogItemId: null, fields: {} })}
          >
            Choose another item
          </Button>
        </Group>
        {item.needsApproval ? (
          <Alert color="grape" variant="light" title="Needs approval" data-testid="approval-note">
            This request waits in Approval until a lead approves it; no work starts before that. You
            will see the decision on the request.
          </Alert>
        ) : null}
        {staff ? (
          <Select
            label="Requester"
            description="Who the request is for"
            required
            searchable
            limit={30}
            data={userData}
            value={requesterId}
            onChange={(v) => set({ requesterId: v })}
            error={errors.requesterId}
            nothingFoundMessage="No user with that name on this device"
          />
        ) : null}
        <Stack gap="xs">
          <TextInput
            label="Title"
            description={`Leave empty to use “${item.name}”`}
            placeholder={item.name}
            maxLength={200}
            value={d.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.title}
          />
          <DuplicateSuggestions title={d.title} />
        </Stack>
        {item.fields.length > 0 ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="catalog-fields">
            <CatalogFields item={item} values={d.fields} errors={errors} onChange={setField} />
          </SimpleGrid>
        ) : null}
        <MarkdownField
          label="Details"
          value={d.description}
          onChange={(v) => set({ description: v })}
          placeholder="Anything else the team should know"
          error={errors.description}
          minRows={3}
          onSubmitShortcut={() => void submit()}
        />
        {staff ? (
          <PriorityPicker
            impact={d.impact}
            urgency={d.urgency}
            matrix={refs.settings.priorityMatrix}
            onChange={(v) => set(v)}
          />
        ) : null}
        {errors.form ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlert size={18} />}
            role="alert"
            title="The request was not raised"
          >
            {errors.form} Nothing you typed was lost.
          </Alert>
        ) : null}
        {props.saveError ? (
          <Text size="xs" c="red.8" role="status">
            {props.saveError}
          </Text>
        ) : null}
        <FormActions busy={busy} label="Raise request" onDiscard={props.clear} dirty />
      </Stack>
    </Paper>
  );
};
