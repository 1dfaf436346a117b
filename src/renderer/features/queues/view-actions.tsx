import { ActionIcon, Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { navigate } from '../../app/router';
import { useOutpostDb } from '../../app/db-context';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { IconDots } from '../../ui/icons';
import { notifySuccess } from '../../ui/notify';
import { IconBookmark } from './queue-icons';
import { SaveViewDialog } from './save-view-dialog';
import { createSavedView, deleteSavedView, updateSavedView, type SavedView } from './saved-views';
import type { ViewBase, ViewFilters, ViewSort } from './views';

/**
 * "Save view" on any view; on a saved view, save its changed filters,
 * rename or delete it.
 */
export const ViewActions = (props: {
  base: ViewBase;
  filters: ViewFilters;
  sort: ViewSort;
  saved?: SavedView;
  /** The filters or sort differ from what the saved view holds. */
  changed: boolean;
}) => {
  const db = useOutpostDb();
  const [naming, setNaming] = useState<'new' | 'rename' | null>(null);
  const [deleting, setDeleting] = useState(false);
  const saved = props.saved;
  const current = { base: props.base, filters: props.filters, sort: props.sort };

  return (
    <>
      {saved ? (
        <>
          <Button
            size="sm"
            variant={props.changed ? 'filled' : 'default'}
            disabled={!props.changed}
            onClick={async () => {
              const r = await updateSavedView(db, saved.id, {
                filters: props.filters,
                sort: props.sort,
              });
              if (r.ok) notifySuccess(`Saved the changes to “${saved.name}”`);
            }}
          >
            Save changes
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label="More view actions">
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => setNaming('new')}>Save as a new view…</Menu.Item>
              <Menu.Item onClick={() => setNaming('rename')}>Rename…</Menu.Item>
              <Menu.Item color="red" onClick={() => setDeleting(true)}>
                Delete view…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </>
      ) : (
        <Button
          size="sm"
          variant="default"
          leftSection={<IconBookmark size={16} />}
          onClick={() => setNaming('new')}
        >
          Save view
        </Button>
      )}
      <SaveViewDialog
        opened={naming !== null}
        title={naming === 'rename' ? 'Rename view' : 'Save view'}
        submitLabel={naming === 'rename' ? 'Rename' : 'Save view'}
        initialName={naming === 'rename' && saved ? saved.name : ''}
        hint={
          naming === 'rename'
            ? 'Only the name changes; filters and sort stay as saved.'
            : 'Keeps the filters and sort you see now, on this device, for you. It appears under Saved views in the sidebar.'
        }
        onClose={() => setNaming(null)}
        onSave={async (name) => {
          if (naming === 'rename' && saved) return updateSavedView(db, saved.id, { name });
          const r = await createSavedView(db, { ...current, name }, Date.now());
          if (r.ok) {
            notifySuccess(`Saved “${r.view.name}”`);
            navigate(`/views/${r.view.id}`);
          }
          return r;
        }}
      />
      {saved ? (
        <ConfirmDialog
          opened={deleting}
          title="Delete this view?"
          body={`“${saved.name}” goes from your sidebar. The tickets it lists are not touched.`}
          confirmLabel="Delete view"
          danger
          onConfirm={async () => {
            await deleteSavedView(db, saved.id);
            return { ok: true, value: null };
          }}
          onDone={() => {
            notifySuccess(`Deleted “${saved.name}”`);
            navigate('/work');
          }}
          onClose={() => setDeleting(false)}
        />
      ) : null}
    </>
  );
};
