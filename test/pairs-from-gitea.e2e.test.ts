/**
 * A Gitea organization mirrored into each of the five target hosts by the CLI (the story of test/support/pairs.ts),
 * gitea → gitea between two forges included.
 */
import { describePairsFrom } from './support/pairs.js';

describePairsFrom('gitea');
