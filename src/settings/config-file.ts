/**
 * The configuration file (`config`): several mirrors in one run (docs/configuration.md). Parsed with positions kept
 * (yaml's parseDocument + LineCounter), checked against the JSON Schema the package ships (config-schema.ts, with
 * ajv), then each mirror's settings are read like inputs: the mirror's keys, then `defaults`, then the inputs.
 * Every problem becomes one line `org-mirror.yml:12:5: mirrors[0].filter: <what is wrong, what is accepted>`; all of
 * them are collected before the run ends with exit 2, before any network call.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import {
  buildConfigSchema,
  MIRROR_ONLY_KEYS,
  mirrorInputKeys,
  perRepositoryInputs,
  REPOSITORY_ONLY_KEYS,
  runWideInputs,
  secretInputs,
} from './config-schema.js';
import { INPUT_DEFINITIONS } from './input-definitions.js';
import { inputReader, type InputReader, oneLine, type RawInput, type SettingsSources } from './input-sources.js';
import { buildSettings } from './read-settings.js';
import {
  type InputName,
  type Mode,
  MODES,
  type OnDivergence,
  type RepositoryOverride,
  type Settings,
  SettingsError,
  type VisibilitySetting,
} from './settings.js';

/** One mirror of the file, with its settings (run-wide values from the inputs). */
export interface MirrorRun {
  id: string;
  enabled: boolean;
  settings: Settings;
}

export interface Configuration {
  /** The file as the `config` input named it. */
  file: string;
  /** The run-wide settings (mode, report files, concurrency, cache-dir, …): the first mirror's, cache-dir as given. */
  run: Settings;
  /** The mirrors this run does, in the file's order (all of them, or those `mirror` names). */
  mirrors: MirrorRun[];
  /** Lines worth saying that do not stop the run (e.g. unset variables in mode validate). */
  warnings: string[];
}

/** Bad configuration file: every problem, one line each (`file:line:col: path: message`). Exit code 2. */
export class ConfigFileError extends SettingsError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigFileError';
  }
}

type Segment = string | number;

interface Problem {
  at: Segment[];
  /** Point at the key rather than its value. */
  key?: boolean;
  message: string;
}

const RUN_WIDE: ReadonlySet<string> = new Set(runWideInputs());
const SECRETS: ReadonlySet<string> = new Set(secretInputs());
const PER_REPOSITORY: ReadonlySet<string> = new Set(perRepositoryInputs());

let compiled: ReturnType<Ajv['compile']> | undefined;
function schemaValidator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(buildConfigSchema());
  return compiled;
}

/** Read `config`'s file and every mirror's settings; throws ConfigFileError or SettingsError (exit 2). */
export function readConfiguration(
  sources: SettingsSources,
  readText = (file: string) => readFileSync(file, 'utf8'),
): Configuration {
  const read = inputReader(sources);
  const file = read('config')?.value;
  if (file === undefined)
    throw new SettingsError('Missing config. Expected the path of a YAML configuration file.', 'config');
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new SettingsError(
      `Invalid config '${oneLine(file)}': ${reason}. Expected the path of a YAML configuration file.`,
      'config',
    );
  }
  return parseConfiguration(file, text, read, sources.env);
}

export function parseConfiguration(
  file: string,
  text: string,
  read: InputReader,
  env: SettingsSources['env'],
): Configuration {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) {
    throw new ConfigFileError(doc.errors.map((error) => `${where(error.pos[0])}: YAML syntax: ${error.message}`));
  }
  const data: unknown = doc.toJS();
  const mode = read('mode')?.value;
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) {
    throw new SettingsError(`Invalid mode '${oneLine(mode)}'. Expected one of: ${MODES.join(', ')}.`, 'mode');
  }
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const validate = schemaValidator();
  if (!validate(data)) problems.push(...(validate.errors ?? []).map((error) => schemaProblem(error, data)));
  const shaped = problems.length === 0;
  const config = (data ?? {}) as FileShape;
  const mirrors = Array.isArray(config.mirrors) ? config.mirrors.filter(isObject) : [];

  problems.push(...duplicateIds(mirrors), ...inputConflicts(config, mirrors, read));
  for (const [place, keys] of keyedPlaces(config, mirrors)) {
    problems.push(...regexProblems(place, keys));
    const unset = unsetVariables(place, keys, env);
    if (mode === 'validate') warnings.push(...unset);
    else if (!(place[0] === 'mirrors' && isDisabled(mirrors[place[1] as number], mode))) problems.push(...unset);
  }
  mirrors.forEach((mirror, index) => problems.push(...targetNameClashes(mirror, index)));

  const runs: MirrorRun[] = [];
  if (shaped && problems.length === 0) {
    mirrors.forEach((mirror, index) => {
      try {
        runs.push(mirrorRun(mirror, index, config.defaults ?? {}, read, env, mode));
      } catch (error) {
        if (!(error instanceof SettingsError)) throw error;
        problems.push(settingsProblem(error, mirror, index, config.defaults ?? {}));
      }
    });
  }
  const lines = (list: Problem[]) =>
    list.map((problem) => `${where(offsetOf(doc, problem))}: ${pathText(problem.at)}: ${problem.message}`);
  if (problems.length) throw new ConfigFileError(lines(sortProblems(doc, problems)));

  const selected = selectMirrors(runs, read);
  const first = runs[0].settings;
  return {
    file,
    run: { ...first, cacheDir: path.dirname(path.dirname(first.cacheDir)) },
    mirrors: selected,
    warnings: lines(warnings),
  };
}

interface FileShape {
  version?: unknown;
  defaults?: Record<string, unknown>;
  mirrors?: unknown[];
}

type MirrorShape = Record<string, unknown> & {
  id?: unknown;
  enabled?: unknown;
  repositories?: Record<string, unknown>;
};

function isObject(value: unknown): value is MirrorShape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A disabled mirror needs no secret unless mode remove (which lifts its protection) runs it. */
function isDisabled(mirror: MirrorShape | undefined, mode: string | undefined): boolean {
  return mirror?.enabled === false && mode !== 'remove';
}

// --- schema errors -----------------------------------------------------------------------------------------------

function schemaProblem(error: ErrorObject, data: unknown): Problem {
  const at = pointerSegments(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey([...at, String(params.additionalProperty)]);
    case 'required':
      return {
        at: [...at, String(params.missingProperty)],
        message: `missing. Expected ${requiredHint(String(params.missingProperty))}.`,
      };
    case 'type':
      return {
        at,
        message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${typeText(String(params.type))}.`,
      };
    case 'enum':
      return {
        at,
        message: `${describeValue(valueAt(data, at))} is not accepted. Expected one of: ${(params.allowedValues as unknown[]).join(', ')}.`,
      };
    case 'const':
      return {
        at,
        message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${JSON.stringify(params.allowedValue)}.`,
      };
    case 'pattern':
      return { at, message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${patternText(at)}.` };
    case 'minItems':
      return { at, message: 'no mirror in it. Expected a list of at least one mirror.' };
    default:
      return { at, message: `${error.message ?? 'not accepted'}.` };
  }
}

function requiredHint(key: string): string {
  if (key === 'id') return 'a unique id on every mirror, such as acme-github';
  if (key === 'version') return 'version: 1 at the top of the file';
  if (key === 'mirrors') return 'a list of mirrors at the top of the file';
  return `${key} here`;
}

function typeText(type: string): string {
  if (type === 'boolean') return 'true or false';
  if (type === 'object') return 'a mapping of keys';
  if (type === 'array') return 'a list';
  return `a ${type.replace(',', ' or ')}`;
}

function patternText(at: Segment[]): string {
  const last = String(at[at.length - 1]);
  if (last === 'id') return 'letters, digits, ".", "_" and "-" (up to 63, starting with a letter or digit)';
  if (last.endsWith('-env'))
    return 'the name of an environment variable (letters, digits and "_", not starting with a digit)';
  return 'a value of the documented form';
}

/** The key `at` is not accepted where it stands: say why, and what is (with the closest key). */
function unknownKey(at: Segment[]): Problem {
  const key = String(at[at.length - 1]);
  const inRepository = at.length === 5 && at[0] === 'mirrors' && at[2] === 'repositories';
  const place: 'repository' | 'mirror' | 'defaults' | 'top' = inRepository
    ? 'repository'
    : at[0] === 'mirrors' && at.length === 3
      ? 'mirror'
      : at[0] === 'defaults'
        ? 'defaults'
        : 'top';
  if (SECRETS.has(key) && place !== 'top') {
    return {
      at,
      key: true,
      message: `a literal secret is refused in the file. Expected ${key}-env: VARIABLE, the name of the environment variable that holds it.`,
    };
  }
  if (RUN_WIDE.has(key) && place !== 'top') {
    return {
      at,
      key: true,
      message: `${key} is about the whole run and stays an input (with:, inputs:, --${key} or MIRROR_${key.toUpperCase().replace(/-/g, '_')}), not a key of the file.`,
    };
  }
  if (place === 'repository' && mirrorInputKeys().includes(key)) {
    return {
      at,
      key: true,
      message: `${key} cannot be set per repository. Expected one of: ${repositoryKeys().join(', ')}; set ${key} on the mirror.`,
    };
  }
  const accepted =
    place === 'repository'
      ? repositoryKeys()
      : place === 'mirror'
        ? [...MIRROR_ONLY_KEYS, ...mirrorInputKeys()]
        : place === 'defaults'
          ? mirrorInputKeys()
          : ['version', 'defaults', 'mirrors'];
  const close = closest(key, accepted);
  const expected =
    place === 'top'
      ? 'version, defaults or mirrors'
      : place === 'repository'
        ? `one of: ${accepted.join(', ')}`
        : 'an input name that describes a mirror (docs/configuration.md)';
  return { at, key: true, message: `unknown key.${close ? ` Did you mean ${close}?` : ''} Expected ${expected}.` };
}

function repositoryKeys(): string[] {
  return [...REPOSITORY_ONLY_KEYS, ...PER_REPOSITORY];
}

/** The closest key by edit distance, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// --- checks beyond the schema ------------------------------------------------------------------------------------

function duplicateIds(mirrors: MirrorShape[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  mirrors.forEach((mirror, index) => {
    if (typeof mirror.id !== 'string') return;
    const key = mirror.id.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      problems.push({
        at: ['mirrors', index, 'id'],
        message: `duplicate id '${mirror.id}' (mirrors[${first}] has it). Expected an id no other mirror has.`,
      });
    }
  });
  return problems;
}

/** Every place that holds input keys: `defaults` and each mirror. */
function keyedPlaces(config: FileShape, mirrors: MirrorShape[]): Array<[Segment[], Record<string, unknown>]> {
  const places: Array<[Segment[], Record<string, unknown>]> = [];
  if (isObject(config.defaults)) places.push([['defaults'], config.defaults]);
  mirrors.forEach((mirror, index) => places.push([['mirrors', index], mirror]));
  return places;
}

function regexProblems(place: Segment[], keys: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const name of ['filter', 'exclude']) {
    const value = keys[name];
    if (typeof value !== 'string') continue;
    try {
      new RegExp(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split(': ').pop() : String(error);
      problems.push({
        at: [...place, name],
        message: `invalid regular expression '${oneLine(value)}': ${reason}. Expected a JavaScript regular expression matched against the whole repository name.`,
      });
    }
  }
  return problems;
}

function unsetVariables(place: Segment[], keys: Record<string, unknown>, env: SettingsSources['env']): Problem[] {
  const problems: Problem[] = [];
  for (const secret of SECRETS) {
    const variable = keys[`${secret}-env`];
    if (typeof variable !== 'string' || env[variable]?.trim()) continue;
    problems.push({
      at: [...place, `${secret}-env`],
      message: `environment variable ${variable} is not set (or empty). Expected it to hold ${secret}: set it as a secret or masked CI/CD variable of the job.`,
    });
  }
  return problems;
}

/**
 * A mapping key given as an input (flag, Action input or MIRROR_* variable) and in the file: which one wins would be a
 * guess, so neither does. An input equal to its documented default does not count: the GitLab component passes every
 * input's default.
 */
function inputConflicts(config: FileShape, mirrors: MirrorShape[], read: InputReader): Problem[] {
  const problems: Problem[] = [];
  for (const [place, keys] of keyedPlaces(config, mirrors)) {
    for (const key of Object.keys(keys)) {
      const name = (key.endsWith('-env') && SECRETS.has(key.slice(0, -4)) ? key.slice(0, -4) : key) as InputName;
      const definition = INPUT_DEFINITIONS[name];
      if (!definition || definition.scope !== 'mirror') continue;
      const input = read(name);
      if (!input || input.value === definition.default) continue;
      problems.push({
        at: [...place, key],
        key: true,
        message: `${name} is also given as ${input.origin}. Expected it in one place: the file or the inputs, not both.`,
      });
    }
  }
  return problems;
}

function targetNameClashes(mirror: MirrorShape, index: number): Problem[] {
  if (!isObject(mirror.repositories)) return [];
  const problems: Problem[] = [];
  const names = Object.keys(mirror.repositories);
  const targets = new Map<string, string>();
  for (const name of names) {
    const override = mirror.repositories[name];
    const explicit = isObject(override) && typeof override['target-name'] === 'string';
    if (!explicit) targets.set(name.toLowerCase(), name);
  }
  for (const name of names) {
    const override = mirror.repositories[name];
    if (!isObject(override) || typeof override['target-name'] !== 'string') continue;
    const targetName = override['target-name'];
    const key = targetName.toLowerCase();
    const other = targets.get(key);
    if (other !== undefined && other.toLowerCase() !== name.toLowerCase()) {
      problems.push({
        at: ['mirrors', index, 'repositories', name, 'target-name'],
        message: `'${oneLine(targetName)}' is also the target of ${other}. Expected one target name per repository.`,
      });
    } else targets.set(key, name);
  }
  return problems;
}

// --- each mirror's settings --------------------------------------------------------------------------------------

function mirrorRun(
  mirror: MirrorShape,
  index: number,
  defaults: Record<string, unknown>,
  read: InputReader,
  env: SettingsSources['env'],
  mode: string | undefined,
): MirrorRun {
  const id = String(mirror.id);
  const enabled = mirror.enabled !== false;
  // A disabled mirror is checked like the others, except for the tokens a mode needs: nothing is requested for it.
  const checkOnly = !enabled && mode !== 'remove' && mode !== 'validate';
  const layered: InputReader = (name) => {
    if (name === 'mode' && checkOnly) return { value: 'check', origin: 'mode' };
    const definition = INPUT_DEFINITIONS[name];
    if (definition?.scope === 'mirror') {
      for (const [keys, origin] of [
        [mirror, `mirrors[${index}]`],
        [defaults, 'defaults'],
      ] as const) {
        const value = fileValue(keys, name, env);
        if (value !== undefined) return { value, origin: `${origin}.${name}` } satisfies RawInput;
      }
    }
    return read(name);
  };
  const settings = buildSettings(layered, env);
  if (checkOnly) settings.mode = (mode ?? 'sync') as Mode;
  settings.mirrorId = id;
  settings.cacheDir = path.join(settings.cacheDir, 'mirrors', id);
  const overrides = repositoryOverrides(mirror.repositories);
  if (overrides.size) settings.repositoryOverrides = overrides;
  return { id, enabled, settings };
}

function fileValue(keys: Record<string, unknown>, name: InputName, env: SettingsSources['env']): string | undefined {
  if (SECRETS.has(name)) {
    const variable = keys[`${name}-env`];
    return typeof variable === 'string' ? env[variable]?.trim() || undefined : undefined;
  }
  const value = keys[name];
  return value === undefined || value === null ? undefined : String(value);
}

function repositoryOverrides(repositories: Record<string, unknown> | undefined): Map<string, RepositoryOverride> {
  const overrides = new Map<string, RepositoryOverride>();
  for (const [name, raw] of Object.entries(repositories ?? {})) {
    const keys = (isObject(raw) ? raw : {}) as Record<string, unknown>;
    const override: RepositoryOverride = { name, enabled: keys.enabled !== false };
    if (typeof keys['target-name'] === 'string') override.targetName = keys['target-name'];
    if (typeof keys['on-divergence'] === 'string') override.onDivergence = keys['on-divergence'] as OnDivergence;
    if (typeof keys.visibility === 'string') override.visibility = keys.visibility as VisibilitySetting;
    for (const flag of ['lfs', 'wikis', 'prune', 'protect'] as const) {
      if (typeof keys[flag] === 'boolean') override[flag] = keys[flag];
    }
    overrides.set(name.toLowerCase(), override);
  }
  return overrides;
}

/** A SettingsError from a mirror's settings, pointed at the key that caused it (or at the mirror). */
function settingsProblem(
  error: SettingsError,
  mirror: MirrorShape,
  index: number,
  defaults: Record<string, unknown>,
): Problem {
  const name = error.input;
  if (name) {
    const key = SECRETS.has(name) ? `${name}-env` : name;
    if (key in mirror || !(key in defaults)) return { at: ['mirrors', index, key], message: error.message };
    return { at: ['defaults', key], message: error.message };
  }
  return { at: ['mirrors', index], message: error.message };
}

function selectMirrors(runs: MirrorRun[], read: InputReader): MirrorRun[] {
  const raw = read('mirror')?.value;
  if (raw === undefined) return runs;
  const wanted = raw
    .split(/[,\r\n]/)
    .map((id) => id.trim())
    .filter(Boolean);
  const ids = runs.map((run) => run.id);
  const unknown = wanted.filter((id) => !ids.some((known) => known.toLowerCase() === id.toLowerCase()));
  if (!wanted.length || unknown.length) {
    throw new SettingsError(
      `Invalid mirror '${oneLine(raw)}'${unknown.length ? `: no mirror ${unknown.join(', ')} in the file` : ''}. Expected ids of the file's mirrors, comma separated: ${ids.join(', ')}.`,
      'mirror',
    );
  }
  const keys = new Set(wanted.map((id) => id.toLowerCase()));
  return runs.filter((run) => keys.has(run.id.toLowerCase()));
}

// --- positions ---------------------------------------------------------------------------------------------------

function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (!pointer) return [];
  const segments: Segment[] = [];
  let value = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(value) ? Number(segment) : NaN;
    segments.push(Number.isInteger(index) ? index : segment);
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  return segments;
}

function valueAt(data: unknown, at: Segment[]): unknown {
  let value = data;
  for (const segment of at) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${oneLine(value)}'`;
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

/** The node for `at`: the deepest one that exists (a missing key points at its parent); the key node with `key`. */
function nodeAt(doc: Document, at: Segment[], key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < at.length; i++) {
    const segment = at[i];
    const last = i === at.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return node as Node;
      if (last && key) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return node as Node;
      node = item;
    } else return node as Node | undefined;
  }
  return node as Node | undefined;
}

function offsetOf(doc: Document, problem: Problem): number {
  return nodeAt(doc, problem.at, problem.key ?? false)?.range?.[0] ?? 0;
}

function sortProblems(doc: Document, problems: Problem[]): Problem[] {
  const unique = new Map<string, Problem>();
  for (const problem of problems) unique.set(`${pathText(problem.at)}\n${problem.message}`, problem);
  return [...unique.values()].sort((a, b) => offsetOf(doc, a) - offsetOf(doc, b));
}

/** `mirrors[0].repositories.api-core.lfs` */
export function pathText(at: Segment[]): string {
  if (!at.length) return '(file)';
  return at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i ? '.' : ''}${segment}`)).join('');
}
