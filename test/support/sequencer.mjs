// Test order for a short wall time on few cores: the slowest files first, so that no long file starts last and keeps one
// worker busy while the others idle. Jest's own order does this from the durations it recorded in earlier runs (in its
// cache), and by file size where it has none (a fresh machine, a new file). File size says little here: a short file
// that starts fake hosts and drives git is far slower than a long file of unit tests. So among files without a recorded
// duration, those that start fake hosts or run the CLI come first, each group by size. Nothing is listed by name: new
// files take their place by what they do.
import fs from 'node:fs';
import Sequencer from '@jest/test-sequencer';

const HEAVY = /\b(startForge|startHostForge|runCli|startSshServer|startProxy)\(|\.e2e\.test\.ts$/;

const heavyCache = new Map();
function heavy(path) {
  if (!heavyCache.has(path)) {
    let text = '';
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch {
      // unreadable: jest will report it; order does not matter
    }
    heavyCache.set(path, HEAVY.test(text) || HEAVY.test(path));
  }
  return heavyCache.get(path);
}

export default class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    // Jest's order: failed first, then files without a recorded duration (by size), then by duration. Within the
    // files without a duration, the heavy ones go first; the sort is stable, so jest's order holds otherwise.
    const untimed = (test) => !this.hasFailed(test) && test.duration == null;
    const head = sorted.filter((test) => this.hasFailed(test));
    const fresh = sorted.filter(untimed);
    const timed = sorted.filter((test) => !this.hasFailed(test) && test.duration != null);
    fresh.sort((a, b) => Number(heavy(b.path)) - Number(heavy(a.path)));
    return [...head, ...fresh, ...timed];
  }
}
