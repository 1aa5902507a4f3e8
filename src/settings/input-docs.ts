import { INPUT_DEFINITIONS } from './input-definitions.js';
import type { InputName } from './settings.js';

/** One line per input, for `--help`: the summaries of the one table of inputs. */
export const INPUT_DOCS: Record<InputName, string> = Object.fromEntries(
  Object.entries(INPUT_DEFINITIONS).map(([name, definition]) => [name, definition.summary]),
) as Record<InputName, string>;
