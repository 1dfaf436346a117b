import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { CatalogItem, RequestFieldValue } from '../../../shared/domain/catalog';
import { newId, type TicketId } from '../../../shared/ids';
import { requestCreate } from '../../../shared/sync/mutations/create-request';
import { hrefFor, navigate } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import { fieldErrorsFrom } from '../../ui/form-errors';
import { IconAlert } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { notifySuccess } from '../../ui/notify';
import {
  CatalogFields,
  catalogFieldErrors,
  fieldErrorKey,
  fieldValuesFor,
} from '../create/catalog-fields';
import { CatalogPicker } from '../create/catalog-picker';
import { FormActions } from '../create/incident-form';
import { errorsFromDomain, useCreateMutation, type Errors } from '../create/submit';
import { useFocusOnRefusal } from './focus-refusal';
import { useCreateRefs } from '../create/use-create-refs';
import { useDraft } from '../ticket/drafts';
import { PORTAL_HOME, portalTicketPath } from './portal-paths';
import { OfflineNote } from './report-problem';
import './portal.css';

export interface PortalRequestDraft {
  catalogItemId: string | null;
  title: string;
  description: string;
  fields: Record<string, RequestFieldValue>;
}

const emptyRequest: PortalRequestDraft = {
  catalogItemId: null,
  title: '',
  description: '',
  fields: {},
};
const isBlank = (d: PortalRequestDraft) =>
  d.catalogItemId === null && d.title.trim() === '' && d.description.trim() === '';

export const REQUEST_DRAFT_KEY = 'draft:portal:request';

type Draft = ReturnType<typeof useDraft<PortalRequestDraft>>;

/** `#/portal/new/request`: pick from the catalogue, then answer the item's own questions. */
export const RequestSomethingPage = () => {
  const refs = useCreateRefs();
  const draft = useDraft<PortalRequestDraft>(REQUEST_DRAFT_KEY, emptyRequest, isBlank);
  const d = draft.value;
  const item = refs?.settings.catalogItems.find((i) => i.id === d.catalogItemId && i.active);
  return (
    <Stack gap="lg" maw={item ? 760 : 960} mx="auto" w="100%">
      <Anchor href={hrefFor(PORTAL_HOME)} size="sm" c="dimmed">
        ← My requests
      </Anchor>
      <Stack gap={4}>
        <Title order={1} fz={24}>
          Request something
        </Title>
        <Text c="dimmed" size="sm">
          Choose what you need from the catalogue. Some things need a manager’s approval first; the
          request says so before you send it.
        </Text>
      </Stack>
      <OfflineNote what="your request" />
      {!refs || !draft.loaded ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={6} />
        </Paper>
      ) : item ? (
        <RequestForm item={item} draft={draft} />
      ) : (
        // No team names: who fulfils a request is the desk's business, not the requester's.
        <CatalogPicker
          items={refs.settings.catalogItems}
          queues={[]}
          onPick={(picked) => draft.set({ ...d, catalogItemId: picked.id, fields: {} })}
        />
      )}
    </Stack>
  );
};

const RequestForm = ({ item, draft }: { item: CatalogItem; draft: Draft }) => {
  const d = draft.value;
  const user = useCurrentUser();
  const mutate = useCreateMutation();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  useFocusOnRefusal(refusals, '#portal-request');
  const refuse = (e: Errors) => {
    setErrors(e);
    setRefusals((n) => n + 1);
  };
  const labels: Record<string, string> = {
    title: 'Short title',
    description: 'Anything else',
    catalogItemId: 'Catalogue item',
    ...Object.fromEntries(item.fields.map((f) => [fieldErrorKey(f.key), f.label])),
  };

  const dropErrors = (keys: string[]) =>
    setErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k) && k !== 'form')),
    );
  const set = (patch: Partial<PortalRequestDraft>) => {
    draft.set({ ...d, ...patch });
    dropErrors(Object.keys(patch));
  };
  const setField = (key: string, value: RequestFieldValue) => {
    draft.set({ ...d, fields: { ...d.fields, [key]: value } });
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
      requesterId: user.id,
      catalogItemId: item.id,
      requestFields: values,
    };
    const parsed = requestCreate.args.safeParse(args);
    const schemaErrors = parsed.success ? {} : (fieldErrorsFrom(parsed.error, labels) as Errors);
    if (Object.keys(fieldErrors).length > 0 || !parsed.success) {
      return refuse({ ...schemaErrors, ...fieldErrors });
    }
    setBusy(true);
    const r = await mutate('request.create', args);
    setBusy(false);
    if (!r.ok) return refuse(errorsFromDomain(r.error, labels));
    await draft.clear();
    notifySuccess(
      item.needsApproval
        ? 'Thank you. Your request is on its way and waits for approval first.'
        : 'Thank you. Your request is saved and on its way to the service desk.',
    );
    navigate(portalTicketPath(id));
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      id="portal-request"
      component="form"
      noValidate
      aria-label={`Request: ${item.name}`}
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
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.5}>
              {item.category || 'From the catalogue'}
            </Text>
            <Title order={2} fz="lg" data-testid="portal-request-item">
              {item.name}
            </Title>
            {item.description ? (
              <Text size="sm" c="dimmed">
                {item.description}
              </Text>
            ) : null}
          </Stack>
          <Button
            variant="default"
            size="xs"
            onClick={() => set({ catalogItemId: null, fields: {} })}
          >
            Choose something else
          </Button>
        </Group>
        {item.needsApproval ? (
          <Alert color="grape" variant="light" title="Needs approval" data-testid="portal-approval">
            A manager approves this before anyone starts on it. You will see the decision here.
          </Alert>
        ) : null}
        {item.fields.length > 0 ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="portal-request-fields">
            <CatalogFields item={item} values={d.fields} errors={errors} onChange={setField} />
          </SimpleGrid>
        ) : null}
        <Textarea
          label="Anything else we should know?"
          autosize
          minRows={3}
          maxRows={12}
          value={d.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={errors.description}
        />
        <TextInput
          label="Short title (optional)"
          description="Helps you tell your requests apart in My requests"
          placeholder={item.name}
          maxLength={200}
          value={d.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
        />
        {errors.form ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlert size={18} />}
            role="alert"
            title="Your request was not sent"
          >
            {errors.form} Nothing you typed was lost.
          </Alert>
        ) : null}
        <FormActions busy={busy} label="Send request" onDiscard={draft.clear} dirty />
      </Stack>
    </Paper>
  );
};
