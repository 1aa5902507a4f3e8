import { helpText } from './help.js';
import { INPUT_DEFINITIONS, type InputDefinition } from './input-definitions.js';
import { INPUTS, type InputName, SettingsError } from './settings.js';
import { VERSION } from './version.js';

/** Where inputs come from: the CLI arguments (without `node` and the script) and the process environment. */
export interface SettingsSources {
  /** `process.argv.slice(2)` */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

/** `--help` or `--version` was asked for: print `text` and exit 0. Thrown by `readSettings` instead of a Settings. */
export class CliInfoRequested extends Error {
  constructor(
    readonly kind: 'help' | 'version',
    readonly text: string,
  ) {
    super(`--${kind} requested`);
    this.name = 'CliInfoRequested';
  }
}

const INPUT_NAMES: ReadonlySet<string> = new Set(Object.values(INPUTS));

export const BOOLEAN_INPUTS: ReadonlySet<InputName> = inputsWhere((definition) => definition.boolean === true);

/**
 * Secrets are refused as flags: process arguments are readable by every user of the machine (`ps`) and end up in shell
 * history. The SPEC forbids tokens in argv; the environment (MIRROR_*) or the Action input carries them.
 */
export const SECRET_INPUTS: ReadonlySet<InputName> = inputsWhere((definition) => definition.secret === true);

function inputsWhere(test: (definition: InputDefinition) => boolean): ReadonlySet<InputName> {
  const names = Object.keys(INPUT_DEFINITIONS) as InputName[];
  return new Set(names.filter((name) => test(INPUT_DEFINITIONS[name])));
}

/** The environment variable that carries an input: `MIRROR_SOURCE_TOKEN` for `source-token`. */
export function envNameOf(name: InputName): string {
  return `MIRROR_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The variable the Actions runner sets for a `with:` input: upper case, spaces to `_`, hyphens KEPT
 * (`INPUT_SOURCE-TYPE`), as @actions/core's getInput reads it.
 */
export function actionEnvNameOf(name: InputName): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** A value as given, and where it came from (for nothing but debugging: messages quote the input name). */
export interface RawInput {
  value: string;
  origin: string;
}

export type InputReader = (name: InputName) => RawInput | undefined;

/**
 * Parse the CLI: `--name value`, `--name=value`; a boolean flag alone (`--lfs`) means true, and takes the next word as
 * its value only when that word is a boolean (`--prune false`). Unknown flags, positional words and repeated flags are
 * refused. Returns the values by input name; throws CliInfoRequested for --help / --version.
 */
export function parseArgv(argv: readonly string[]): Map<InputName, string> {
  const values = new Map<InputName, string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') throw new CliInfoRequested('help', helpText());
    if (word === '--version' || word === '-v') throw new CliInfoRequested('version', VERSION);
    if (!word.startsWith('--')) {
      throw new SettingsError(`Unexpected argument '${oneLine(word)}'. Expected options of the form --name value.`);
    }
    const eq = word.indexOf('=');
    const flag = eq === -1 ? word.slice(2) : word.slice(2, eq);
    if (!INPUT_NAMES.has(flag)) {
      throw new SettingsError(`Unknown option '--${oneLine(flag)}'. Run with --help for the list of options.`);
    }
    const name = flag as InputName;
    if (SECRET_INPUTS.has(name)) {
      // Do not echo the value: it is a secret.
      throw new SettingsError(
        `Refusing --${name} on the command line: process arguments are visible to other users. Set ${envNameOf(name)} in the environment instead.`,
      );
    }
    if (values.has(name)) throw new SettingsError(`Option --${name} is given more than once. Expected it once.`);
    let value: string;
    if (eq !== -1) {
      value = word.slice(eq + 1);
    } else if (BOOLEAN_INPUTS.has(name)) {
      const next = argv[i + 1];
      if (next !== undefined && /^(true|false)$/i.test(next)) {
        value = next;
        i++;
      } else {
        value = 'true';
      }
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new SettingsError(`Missing value for --${name}. Expected --${name} <value> or --${name}=<value>.`);
      }
      value = next;
      i++;
    }
    values.set(name, value);
  }
  return values;
}

/**
 * Precedence: CLI flag, then Action input (`INPUT_<NAME>`), then environment (`MIRROR_<NAME>`). Values are trimmed (as
 * @actions/core does); an empty value counts as unset at every level, because the runner sets declared-but-empty inputs
 * to ''.
 */
export function inputReader(sources: SettingsSources): InputReader {
  const flags = parseArgv(sources.argv);
  return (name) => {
    const candidates: [string | undefined, string][] = [
      [flags.get(name), `--${name}`],
      [sources.env[actionEnvNameOf(name)], `input ${name}`],
      [sources.env[envNameOf(name)], envNameOf(name)],
    ];
    for (const [value, origin] of candidates) {
      const trimmed = value?.trim();
      if (trimmed) return { value: trimmed, origin };
    }
    return undefined;
  };
}

/** A value quoted on one line (messages are one line), cut when very long. */
export function oneLine(value: string, max = 200): string {
  const flat = value.replace(/\r?\n|\r/g, '\\n');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
