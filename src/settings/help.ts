import { INPUT_DOCS } from './input-docs.js';
import { VERSION } from './version.js';

/** `--help`: every option with its one-line description. */
export function helpText(): string {
  const names = Object.keys(INPUT_DOCS) as (keyof typeof INPUT_DOCS)[];
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const lines = names.map((name) => `  --${name.padEnd(width)}${INPUT_DOCS[name]}`);
  return [
    `org-mirror ${VERSION}: mirror every repository of a namespace to another Git server, protected.`,
    '',
    'Usage: org-mirror --source-type <type> --source-owner <owner> --target-type <type> --target-owner <owner> [options]',
    '',
    'Every option can also be set as MIRROR_<NAME> in the environment (upper case, - becomes _), e.g. MIRROR_SOURCE_TOKEN.',
    'Precedence: command-line flag, then Action input, then environment. Booleans: true or false; a bare flag means true.',
    '',
    'Options:',
    ...lines,
    '  --help, --version',
  ].join('\n');
}
