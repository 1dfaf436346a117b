import { Box, Button, Image, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Attachment } from '../../../shared/domain/attachment';
import type { BlobDb } from '../../blobs/blob-db';
import { formatBytes } from './format';
import { IconDownload, IconFile } from './ticket-icons';
import { useBlobUrl } from './use-blob-url';

export const isImage = (mime: string) =>
  /^image\/(png|jpe?g|gif|webp|bmp|svg\+xml|avif)$/.test(mime);

const tile = {
  flex: 'none',
  borderRadius: 6,
  overflow: 'hidden',
  border: '1px solid var(--mantine-color-gray-3)',
  display: 'grid',
  placeItems: 'center',
  background: 'var(--mantine-color-gray-0)',
} as const;

/** "PDF", "LOG": what kind of file a plain tile stands for, when the name says. */
const extensionOf = (name: string): string | null => {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m ? m[1]!.toUpperCase() : null;
};

/**
 * A square preview of an attachment. An image's thumbnail is a button that
 * opens it large. Any other file gets a plain tile with its kind: the row's
 * download button is its one control, so a screen reader does not announce
 * the same "Download" twice.
 */
export const Thumb = (props: {
  bdb: BlobDb;
  apiBase: string;
  att: Attachment;
  onOpen: () => void;
}) => {
  const image = isImage(props.att.mime);
  const { url } = useBlobUrl(props.bdb, props.apiBase, props.att, image);
  if (!image) {
    const ext = extensionOf(props.att.name);
    return (
      <Box w={56} h={56} style={tile} c="gray.6" aria-hidden data-testid="attachment-tile">
        <Stack gap={0} align="center">
          <IconFile size={22} />
          {ext ? (
            <Text size="10px" fw={700} lh={1.2} c="gray.7">
              {ext}
            </Text>
          ) : null}
        </Stack>
      </Box>
    );
  }
  return (
    <UnstyledButton
      onClick={props.onOpen}
      aria-label={`Preview ${props.att.name}`}
      w={56}
      h={56}
      style={tile}
    >
      {url ? (
        <Image src={url} alt="" w={56} h={56} fit="cover" />
      ) : (
        <Box c="gray.6">
          <IconFile size={24} />
        </Box>
      )}
    </UnstyledButton>
  );
};

const nothing = { sha256: '', mime: '', size: 0, ticketId: '' };

/**
 * An image at full size. It fades in but closes at once: a fading overlay
 * left behind after Esc reads as a stuck dialog (and showed up in
 * screenshots). Focus goes back to the thumbnail that opened it.
 */
export const Lightbox = (props: {
  bdb: BlobDb;
  apiBase: string;
  att: Attachment | null;
  onClose: () => void;
  onDownload: (a: Attachment) => void;
}) => {
  const att = props.att;
  const { url, error } = useBlobUrl(props.bdb, props.apiBase, att ?? nothing, att !== null);
  return (
    <Modal
      opened={att !== null}
      onClose={props.onClose}
      title={att?.name ?? ''}
      size="auto"
      centered
      transitionProps={{ duration: 150, exitDuration: 0 }}
      returnFocus
    >
      <Stack gap="sm" align="center">
        {url ? (
          <img
            src={url}
            alt={att?.name ?? ''}
            style={{ maxWidth: '80vw', maxHeight: '70vh', display: 'block' }}
          />
        ) : (
          <Text size="sm" c={error ? 'red.9' : 'dimmed'} role={error ? 'alert' : 'status'}>
            {error ?? 'Loading preview…'}
          </Text>
        )}
        {att ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconDownload />}
            onClick={() => props.onDownload(att)}
          >
            Download ({formatBytes(att.size)})
          </Button>
        ) : null}
      </Stack>
    </Modal>
  );
};
