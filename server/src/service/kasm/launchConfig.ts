/**
 * `launch_config`: the launch form shown before a session starts, as Kasm 1.15's installer validates it
 * (`validate_launch_config`, kasm-format.md §4.5, §10.5): a form item without any one of its twelve keys makes the
 * install fail with "Required property …" (a null value counts as present).
 */
import { DOCS, FieldSpec, JsonType, KnownValue } from './fieldSpec';

/** Input types Kasm renders itself; any other value becomes an HTML `<input type=…>` (§10.5), so it is accepted. */
export const LAUNCH_INPUT_TYPES: readonly KnownValue[] = [
  { value: 'text', description: 'A one-line text box.' },
  { value: 'select', description: 'A drop-down list of `options`.' },
  { value: 'password', description: 'A one-line masked text box.' },
  { value: 'passwordtextarea', description: 'A multi-line masked text box (e.g. a VPN configuration).' },
  { value: 'textarea', description: 'A multi-line text box.' },
  { value: 'number', description: 'Not one of Kasm\'s own: rendered as an HTML `<input type="number">`.' },
  { value: 'email', description: 'Not one of Kasm\'s own: rendered as an HTML `<input type="email">`.' },
];

const nullableString: readonly JsonType[] = ['string', 'null'];

const field = (key: string, type: JsonType | readonly JsonType[], description: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  ({ key, type, description, docs: DOCS.launchConfig, required: 'error', whenMissing: INSTALL_FAILS, ...extra });

/** Kasm's installer validates launch forms and stops at the first missing property (§10.5). */
const INSTALL_FAILS = 'Kasm\'s installer fails without it ("Required property …"); write null where it is unused.';

const CONDITION: FieldSpec = {
  key: '', type: 'object', description: 'A condition on another field of the form.', docs: DOCS.launchConfig, unknownKeys: 'info',
  properties: [
    field('key', 'string', 'The `key` of another field of this form.', { required: 'warning' }),
    field('value_regex', 'string', 'The value the other field must have. Kasm 1.15 compares it **for equality**, not as a regular expression: `"^open.*$"` never matches.', { required: 'warning' }),
  ],
};

const LAUNCH_FORM_FIELD: FieldSpec = {
  key: '',
  type: 'object',
  description: 'One field of the launch form shown to the user before the session starts. Kasm\'s installer needs every one of its keys (null where unused).',
  docs: DOCS.launchConfig,
  unknownKeys: 'info',
  properties: [
    field('key', 'string', 'Name under which the answer is written to the `file_mapping` file.', { insertValue: '"${1:my_field}"' }),
    field('label', 'string', 'Label shown next to the field.', { insertValue: '"${1:My field}"' }),
    field('value', nullableString, 'Initial value as a string, or `null`.', { insertValue: 'null' }),
    field('allow_saving', 'boolean', 'Let the user save the answer for the next launch.', { default: false }),
    field('required', 'boolean', 'The user must fill this field to launch.', { default: false }),
    field('placeholder', nullableString, 'Placeholder text of the field, or `null`.', { insertValue: 'null' }),
    field('help', nullableString, 'Help text shown with the field, or `null`.', { insertValue: '"${1}"' }),
    field('input_type', 'string', 'Kind of input: Kasm\'s own (`text`, `select`, `password`, `passwordtextarea`, `textarea`) or any HTML input type.',
      { values: LAUNCH_INPUT_TYPES, insertValue: '"${1|text,select,password,passwordtextarea,textarea|}"' }),
    field('options', ['array', 'null'], 'Choices of a `select` field, or `null`.', {
      insertValue: '[\n\t{ "value": "${1}", "label": "${2}" }\n]',
      items: {
        key: '', type: 'object', description: 'One choice of a `select` field.', docs: DOCS.launchConfig, unknownKeys: 'info',
        properties: [field('value', 'string', 'Value written when this choice is picked.', { required: 'warning' }), field('label', 'string', 'Text the user sees.', { required: 'warning' })],
      },
    }),
    field('validator_regex', nullableString, 'Regular expression the answer must match, or `null`.', { insertValue: 'null' }),
    field('validator_regex_description', nullableString, 'Message shown when the answer does not match `validator_regex`.', { insertValue: 'null' }),
    field('display_if', ['array', 'null'], 'Show the field only when other fields match: `[{"key": …, "value_regex": …}]`; an inner array is an AND group (the outer items are OR\'ed); or `null`.', {
      insertValue: 'null',
      items: { ...CONDITION, type: ['object', 'array'], description: 'A condition, or an array of conditions that must all hold (an AND group).', items: CONDITION },
    }),
  ],
};

export const LAUNCH_CONFIG: FieldSpec = {
  key: 'launch_config', type: 'object', docs: DOCS.launchConfig, unknownKeys: 'info',
  description: 'A launch form shown to the user before the session starts; the answers are written to `file_mapping.destination` inside the session. Kasm\'s installer rejects a form without `file_mapping.destination` or `launch_form`.',
  insertValue: '{\n\t"file_mapping": { "destination": "${1:/dockerstartup/launch_selections.json}" },\n\t"launch_form": [\n\t\t$0\n\t]\n}',
  properties: [
    {
      key: 'file_mapping', type: 'object', required: 'error', whenMissing: INSTALL_FAILS, description: 'Where the answers are written in the session.', docs: DOCS.launchConfig, unknownKeys: 'info',
      insertValue: '{ "destination": "${1:/dockerstartup/launch_selections.json}" }',
      properties: [
        field('destination', 'string', 'Path of the JSON file with the answers inside the session.'),
        field('is_readable', 'boolean', 'Whether the session user may read the file.', { required: undefined }),
        field('is_writeable', 'boolean', 'Whether the session user may write the file.', { required: undefined }),
        field('is_executable', 'boolean', 'Whether the file is executable.', { required: undefined }),
      ],
    },
    field('launch_form', 'array', 'The fields of the form, in order.', { items: LAUNCH_FORM_FIELD, insertValue: '[\n\t$0\n]' }),
  ],
};
