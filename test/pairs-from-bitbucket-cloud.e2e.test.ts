/**
 * A bitbucket-cloud source mirrored into each of the four target hosts by the CLI: the compact story of test/support/pairs.ts.
 */
import { describePairsFrom } from './support/pairs.js';

describePairsFrom('bitbucket-cloud');
