/**
 * A GitHub organization mirrored into each of the four target hosts by the CLI (the story of test/support/pairs.ts).
 * Its second repository, `Web.API_v2`, shows the Bitbucket slug rules: `web.api_v2` on both Bitbucket targets.
 */
import { describePairsFrom } from './support/pairs.js';

describePairsFrom('github');
