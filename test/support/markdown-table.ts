/**
 * Reading the Markdown tables of the docs and the defaults action.yml descriptions state, for the tests that keep the
 * docs, action.yml, the component and `--help` in step.
 */

export const NONE = '—';

/** Rows of the first table under `## <heading>`, as cell arrays (header and separator rows dropped). */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break;
    if (line.trimStart().startsWith('|')) {
      inTable = true;
      rows.push(
        line
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    } else if (inTable) {
      break;
    }
  }
  // Header, then the `| --- |` separator.
  return rows.slice(2);
}

/** `\`source-type\`` → `source-type`. */
export function nameOf(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell);
  if (!match) throw new Error(`first cell ${cell} is not a single \`name\``);
  return match[1];
}

/** A default cell of a docs table: backticks dropped; `—`, `-` and empty mean no default. */
export function readmeDefault(cell: string): string {
  const text = cell.replace(/`/g, '').trim();
  return text === '' || text === '-' || text === NONE ? NONE : text;
}

/**
 * The default action.yml states: the text after `Default:` up to `;`, ` (`, or the sentence's end; `none` means no
 * default; no `Default:` at all means `required` when the description says `Required.`, else none.
 */
export function actionDefault(description: string): string {
  const match = /Default: (.*?)(?:;|\s\(|\.\s|\.$|$)/.exec(description.trim());
  if (match) return match[1] === 'none' ? NONE : match[1];
  return /\bRequired\./.test(description) ? 'required' : NONE;
}
