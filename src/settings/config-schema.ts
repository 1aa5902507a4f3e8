/**
 * The JSON Schema of the configuration file (`org-mirror.schema.json` at the package root), built from the one table
 * of inputs: every input of scope `mirror` is a key of `defaults` and of each mirror, every `perRepository` input a key
 * of a repository's overrides, every secret input only as `<name>-env`. `npm run schema` writes the file; a test fails
 * when the committed file differs from what this function builds.
 */
import { HOST_TYPES } from '../hosts/host.js';
import { INPUT_DEFINITIONS, type InputDefinition } from './input-definitions.js';
import type { InputName } from './settings.js';

export type JsonSchema = Record<string, unknown>;

/** Keys of a mirror that are not inputs. */
export const MIRROR_ONLY_KEYS = ['id', 'enabled', 'repositories'] as const;
/** Keys of a repository's overrides that are not inputs. */
export const REPOSITORY_ONLY_KEYS = ['enabled', 'target-name'] as const;
/** `id`: a name for files and report sections. */
export const MIRROR_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$';
/** An environment variable name, as POSIX shells accept it. */
export const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

/** Inputs whose value is not free text: what the file accepts for them (read-settings.ts checks ranges and rules). */
const VALUE_SCHEMAS: Partial<Record<InputName, JsonSchema>> = {
  'source-type': { enum: [...HOST_TYPES] },
  'target-type': { enum: [...HOST_TYPES] },
  'on-divergence': { enum: ['fail', 'overwrite'] },
  visibility: { enum: ['private', 'internal', 'public', 'source'] },
  orphans: { enum: ['keep', 'archive'] },
  'request-timeout': { type: 'number', minimum: 0 },
  'repo-timeout': { type: 'number', minimum: 0 },
  'verify-interval': { type: 'number', minimum: 0 },
  'orphans-limit': { type: 'integer', minimum: 0 },
  'history-days': { type: 'integer', minimum: 0 },
  'source-app-id': { type: ['integer', 'string'] },
  'target-app-id': { type: ['integer', 'string'] },
  'source-app-installation-id': { type: ['integer', 'string'] },
  'target-app-installation-id': { type: ['integer', 'string'] },
  'destructive-limit': { anyOf: [{ type: 'integer', minimum: 0 }, { const: 'none' }] },
};

function inputNames(test: (definition: InputDefinition) => boolean): InputName[] {
  return (Object.keys(INPUT_DEFINITIONS) as InputName[]).filter((name) => test(INPUT_DEFINITIONS[name]));
}

/** Input keys a mirror (or `defaults`) may set: every mirror-scope input; secrets as `<name>-env`. */
export function mirrorInputKeys(): string[] {
  return inputNames((definition) => definition.scope === 'mirror').map((name) =>
    INPUT_DEFINITIONS[name].secret ? `${name}-env` : name,
  );
}

/** Inputs that may be set per repository. */
export function perRepositoryInputs(): InputName[] {
  return inputNames((definition) => definition.scope === 'mirror' && definition.perRepository === true);
}

/** Inputs about the run as a whole: never keys of the file. */
export function runWideInputs(): InputName[] {
  return inputNames((definition) => definition.scope === 'run');
}

export function secretInputs(): InputName[] {
  return inputNames((definition) => definition.secret === true);
}

function inputSchema(name: InputName): JsonSchema {
  const definition = INPUT_DEFINITIONS[name];
  if (definition.secret) {
    return {
      description: `Name of the environment variable that holds ${name} (${definition.description}). The secret itself never stands in the file.`,
      type: 'string',
      pattern: ENV_NAME_PATTERN,
    };
  }
  const value: JsonSchema = definition.boolean ? { type: 'boolean' } : (VALUE_SCHEMAS[name] ?? { type: 'string' });
  const schema: JsonSchema = { description: definition.description, ...value };
  if (definition.boolean && definition.default !== undefined) schema.default = definition.default === 'true';
  return schema;
}

function inputProperties(names: InputName[]): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const name of names) properties[INPUT_DEFINITIONS[name].secret ? `${name}-env` : name] = inputSchema(name);
  return properties;
}

export function buildConfigSchema(): JsonSchema {
  const mirrorInputs = inputNames((definition) => definition.scope === 'mirror');
  const repository: JsonSchema = {
    description:
      "Overrides for one repository, by its name on the source. Only these keys: the mirror's own apply to it.",
    type: 'object',
    additionalProperties: false,
    properties: {
      enabled: {
        description:
          'false: not synchronized and reported disabled; its target protection is left as it is (mode remove lifts it). Default: true.',
        type: 'boolean',
        default: true,
      },
      'target-name': {
        description: "The repository's name (GitLab: path under target-owner) on the target. Default: its source name.",
        type: 'string',
        minLength: 1,
      },
      ...inputProperties(perRepositoryInputs()),
    },
  };
  const mirror: JsonSchema = {
    description: 'One source namespace mirrored into one target namespace.',
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: {
        description: 'Unique id: names the mirror in the report, its state under cache-dir and its status issue.',
        type: 'string',
        pattern: MIRROR_ID_PATTERN,
      },
      enabled: {
        description:
          'false: nothing is requested for this mirror; its repositories are reported disabled and their target protection is left as it is (mode remove lifts it). Default: true.',
        type: 'boolean',
        default: true,
      },
      ...inputProperties(mirrorInputs),
      repositories: {
        description: 'Per-repository overrides, keyed by the repository name on the source.',
        type: 'object',
        additionalProperties: { $ref: '#/definitions/repository' },
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'org-mirror configuration file',
    description:
      'Several mirrors in one run. Keys are the input names; run-wide inputs (mode, repositories, mirror, shard, concurrency, cache-dir, report files, accept, notifications, status issue) stay inputs. Secrets: <secret input>-env names the environment variable holding them.',
    type: 'object',
    additionalProperties: false,
    required: ['version', 'mirrors'],
    properties: {
      version: { description: 'Version of the file format: 1.', const: 1 },
      defaults: {
        description: 'Keys for every mirror; a mirror overrides them.',
        type: 'object',
        additionalProperties: false,
        properties: inputProperties(mirrorInputs),
      },
      mirrors: { type: 'array', minItems: 1, items: { $ref: '#/definitions/mirror' } },
    },
    definitions: { mirror, repository },
  };
}
