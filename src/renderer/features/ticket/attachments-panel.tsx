import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type DragEvent } from 'react';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../../shared/domain/attachment';
import { blobPath } from '../../../shared/api/blobs';
import { newId } from '../../../shared/ids';
import { useOutpostDb } from '../../app/db-context';
import { useServices } from '../../app/services';
import { blobDbFor, ingestBlob, readLocalBlob, type BlobDb } from '../../blobs/blob-db';
import { enqueueUpload } from '../../blobs/uploader';
import { useUploadProgress } from '../../blobs/upload-progress';
import { useSyncStatus } from '../../sync/status-store';
import { formatBytes, formatDateTime } from './format';
import { NotSynced } from './not-synced';
import type { PendingForTicket } from './pending';
import { Lightbox, Thumb } from './attachment-preview';
import { IconClip, IconDownload } from './ticket-icons';
import { useMutate } from './use-mutate';
import type { Directory } from './use-ticket-data';

const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;
const mimeOf = (f: File) =>
  MIME_RE.test(f.type) ? f.type.toLowerCase() : 'application/octet-stream';

const saveAs = (href: string, name: string) => {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
};

const MAX_SIZE = formatBytes(MAX_ATTACHMENT_BYTES);

/** A drag of files (not of selected text or a link), which is all the panel accepts. */
const carriesFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** From this device when the bytes are here, else streamed by the browser from the hub. */
const useDownload = (bdb: BlobDb, apiBase: string) => async (a: Attachment) => {
  const local = await readLocalBlob(bdb, a.sha256);
  if (local) {
    const url = URL.createObjectURL(local);
    saveAs(url, a.name);
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } else {
    saveAs(`${apiBase}${blobPath(a.sha256, a.ticketId)}`, a.name);
  }
};

/**
 * Files on the ticket. Attaching works offline: the bytes are hashed and kept
 * on this device, the attach mutation is recorded at once, and the upload
 * queue sends the bytes to the hub when it can.
 */
export const AttachmentsPanel = (props: {
  ticketId: string;
  attachments: Attachment[];
  dir: Directory;
  pending: PendingForTicket;
  canAttach: boolean;
  fileButtonRef?: React.RefObject<HTMLButtonElement | null>;
}) => {
  const db = useOutpostDb();
  const { platform } = useServices();
  const bdb = blobDbFor(db.name);
  const mutate = useMutate();
  const offline = useSyncStatus((s) => s.connection === 'offline');
  const progress = useUploadProgress((s) => s.bySha);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [preview, setPreview] = useState<Attachment | null>(null);
  const download = useDownload(bdb, platform.apiBase);
  const shas = props.attachments.map((a) => a.sha256);
  const state = useLiveQuery(async () => {
    const [files, uploads] = await Promise.all([
      bdb.files.bulkGet(shas),
      bdb.uploads.bulkGet(shas),
    ]);
    return {
      local: new Set(files.flatMap((f) => (f ? [f.sha256] : []))),
      uploads: new Map(uploads.flatMap((u) => (u ? [[u.sha256, u] as const] : []))),
    };
  }, [bdb, shas.join(',')]);

  const attach = async (files: File[]) => {
    const problems: string[] = [];
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        problems.push(
          `${file.name} was not attached: it is ${formatBytes(file.size)}, and a file may be at most ${MAX_SIZE}.`,
        );
        continue;
      }
      setBusy(`Preparing ${file.name}…`);
      try {
        const mime = mimeOf(file);
        const { sha256, size } = await ingestBlob(bdb, file, mime, (done, total) =>
          setBusy(`Preparing ${file.name}… ${Math.round((done / Math.max(1, total)) * 100)}%`),
        );
        const r = await mutate('ticket.attach', {
          id: newId(),
          ticketId: props.ticketId,
          name: file.name,
          size,
          mime,
          sha256,
        });
        if (!r.ok) problems.push(`${file.name}: ${r.error.message}`);
        else await enqueueUpload(bdb, { sha256, mime, size, name: file.name }, Date.now());
      } catch (e) {
        problems.push(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setBusy(null);
    setErrors(problems);
  };

  // dragenter/dragleave fire for every child the pointer crosses; counting
  // them tells leaving the panel from moving over its own rows and buttons.
  const depth = useRef(0);
  const onDragEnter = (e: DragEvent) => {
    if (!props.canAttach || !carriesFiles(e)) return;
    depth.current += 1;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (!props.canAttach || !carriesFiles(e)) return;
    // Accepting the drop here keeps the browser from opening the file in place of the app.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    depth.current = 0;
    setDragging(false);
    if (!props.canAttach) return;
    const files = [...e.dataTransfer.files];
    if (files.length) void attach(files);
  };

  const uploadState = (a: Attachment) => {
    const u = state?.uploads.get(a.sha256);
    const p = progress[a.sha256];
    if (p) {
      const pct = Math.round((p.loaded / Math.max(1, p.total)) * 100);
      return (
        <Group gap={6} wrap="nowrap">
          <Badge size="xs" variant="light" color="blue" tt="none">
            Uploading… {pct}%
          </Badge>
          <Progress value={pct} size="xs" w={60} aria-label={`Upload of ${a.name}: ${pct}%`} />
        </Group>
      );
    }
    if (u?.failed) {
      return (
        <Tooltip label={u.lastError ?? ''} multiline w={280}>
          <Badge size="xs" variant="light" color="red" tt="none" tabIndex={0}>
            Upload failed
          </Badge>
        </Tooltip>
      );
    }
    if (u) {
      return (
        <Tooltip label={u.lastError ?? 'Waiting to be sent to the hub.'} multiline w={280}>
          <Badge size="xs" variant="light" color="orange" tt="none" tabIndex={0}>
            Not uploaded yet
          </Badge>
        </Tooltip>
      );
    }
    return null;
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="attachments-panel"
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-dragging={dragging || undefined}
      style={
        dragging
          ? { outline: '2px dashed var(--mantine-color-accent-6)', outlineOffset: -4 }
          : undefined
      }
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="sm" fw={600}>
            Attachments{props.attachments.length ? ` (${props.attachments.length})` : ''}
          </Title>
          {props.canAttach ? (
            <FileButton onChange={(f) => void attach(f)} multiple>
              {(p) => (
                <Button
                  {...p}
                  ref={props.fileButtonRef}
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconClip size={14} />}
                >
                  Attach files
                </Button>
              )}
            </FileButton>
          ) : null}
        </Group>
        {dragging ? (
          <Text size="sm" fw={500} c="accent.8" role="status">
            Drop to attach (up to {MAX_SIZE} each)
          </Text>
        ) : props.attachments.length === 0 && !busy ? (
          <Text size="sm" c="dimmed">
            {props.canAttach
              ? `Drop files here or use Attach files (up to ${MAX_SIZE} each).`
              : 'No files attached.'}
          </Text>
        ) : null}
        {busy ? (
          <Text size="sm" c="dimmed" role="status">
            {busy}
          </Text>
        ) : null}
        {props.attachments
          .slice()
          .sort((x, y) => y.createdAt - x.createdAt)
          .map((a) => {
            const here = state?.local.has(a.sha256) ?? false;
            return (
              <Group
                key={a.id}
                gap="sm"
                wrap="nowrap"
                align="flex-start"
                data-testid="attachment-row"
              >
                <Thumb bdb={bdb} apiBase={platform.apiBase} att={a} onOpen={() => setPreview(a)} />
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="sm" fw={500} truncate title={a.name}>
                      {a.name}
                    </Text>
                    <Tooltip
                      label={
                        !here && offline
                          ? 'Not on this device; connect to the hub to download'
                          : `Download ${a.name}`
                      }
                    >
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`Download ${a.name}`}
                        onClick={() => void download(a)}
                        disabled={!here && offline}
                        px={6}
                      >
                        <IconDownload />
                      </Button>
                    </Tooltip>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatBytes(a.size)} · {a.mime} · {props.dir.userName(a.uploadedBy)} ·{' '}
                    {formatDateTime(a.createdAt)}
                  </Text>
                  <Group gap={6}>
                    {uploadState(a)}
                    {props.pending.childIds.has(a.id) ? <NotSynced what="This attachment" /> : null}
                  </Group>
                </Stack>
              </Group>
            );
          })}
        {errors.length ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setErrors([])}
          >
            {errors.map((e) => (
              <Text key={e} size="sm">
                {e}
              </Text>
            ))}
          </Alert>
        ) : null}
      </Stack>
      <Lightbox
        bdb={bdb}
        apiBase={platform.apiBase}
        att={preview}
        onClose={() => setPreview(null)}
        onDownload={(a) => void download(a)}
      />
    </Paper>
  );
};
