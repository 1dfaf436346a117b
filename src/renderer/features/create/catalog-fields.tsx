import { Group, NumberInput, Radio, Select, Textarea, TextInput } from '@mantine/core';
import {
  validateRequestFields,
  type CatalogField,
  type CatalogItem,
  type RequestFieldValue,
} from '../../../shared/domain/catalog';

export const fieldErrorKey = (key: string) => `requestFields.${key}`;

/**
 * Every field's problem at once (the shared rule stops at the first), by
 * checking each field on its own with the same `validateRequestFields`.
 */
export const catalogFieldErrors = (
  item: CatalogItem,
  values: Record<string, RequestFieldValue>,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const f of item.fields) {
    const r = validateRequestFields({ ...item, fields: [f] }, { [f.key]: values[f.key] ?? null });
    if (!r.ok) out[r.field] = r.message;
  }
  return out;
};

/** Only the item's own fields, so a value left from another item is never sent. */
export const fieldValuesFor = (
  item: CatalogItem,
  values: Record<string, RequestFieldValue>,
): Record<string, RequestFieldValue> =>
  Object.fromEntries(item.fields.map((f) => [f.key, values[f.key] ?? null]));

const FieldInput = (props: {
  field: CatalogField;
  value: RequestFieldValue;
  error?: string;
  onChange: (v: RequestFieldValue) => void;
}) => {
  const { field: f, value, error } = props;
  const common = {
    label: f.label,
    description: f.help || undefined,
    required: f.required,
    error,
  };
  switch (f.kind) {
    case 'text':
      return f.maxLength > 200 ? (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={f.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      ) : (
        <TextInput
          {...common}
          maxLength={f.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={f.min ?? undefined}
          max={f.max ?? undefined}
          allowDecimal={!f.integer}
          // A value out of range is named, not silently changed to the limit.
          clampBehavior="none"
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => props.onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={f.options}
          clearable={!f.required}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => props.onChange(v)}
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => props.onChange(v === 'yes')}
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => props.onChange(e.currentTarget.value || null)}
        />
      );
  }
};

/** The catalogue item's own form, one input per field kind. */
export const CatalogFields = (props: {
  item: CatalogItem;
  values: Record<string, RequestFieldValue>;
  errors: Record<string, string>;
  onChange: (key: string, value: RequestFieldValue) => void;
}) => (
  <>
    {props.item.fields.map((f) => (
      <FieldInput
        key={f.key}
        field={f}
        value={props.values[f.key] ?? null}
        error={props.errors[fieldErrorKey(f.key)]}
        onChange={(v) => props.onChange(f.key, v)}
      />
    ))}
  </>
);
