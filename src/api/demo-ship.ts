// The demo's full run: ship the example with its configured commands (the human steps attested
// as --attest would) and start the overdue-badges canary, then look at it and try to expand it
// five minutes later, before its clean window has passed.
import { type CanaryResult, canaryExpand, canaryStatus } from './canary.js';
import { type ShipResult, ship } from './ship.js';

export const DEMO_FEATURE = 'overdue-badges';
export const DEMO_ATTEST = ['invariants', 'staging-walkthrough'];
/** how long after the ship the demo looks at the canary */
export const DEMO_CANARY_WAIT_MS = 5 * 60_000;

export interface DemoShip {
  ship: ShipResult;
  /** the progress lines of the ship, one per step */
  progress: string[];
  /** where each command's output is kept, workspace-relative */
  shipDir: string;
  /** the canary looked at and expanded later; absent when the ship stopped before it */
  status?: CanaryResult;
  expand?: CanaryResult;
  /** the time the canary was looked at */
  later: Date;
}

export async function demoShip(root: string, now: Date): Promise<DemoShip> {
  const progress: string[] = [];
  const shipped = await ship({
    cwd: root,
    attest: DEMO_ATTEST,
    feature: DEMO_FEATURE,
    now,
    progress: (line) => {
      if (!line.endsWith(' …')) progress.push(line);
    },
  });
  const later = new Date(now.getTime() + DEMO_CANARY_WAIT_MS);
  const shipDir = `.killdate/ship/${shipped.id}`;
  if (shipped.stop.kind !== 'done') return { ship: shipped, progress, shipDir, later };
  const status = await canaryStatus({ cwd: root, feature: DEMO_FEATURE, now: later });
  const expand = await canaryExpand({ cwd: root, feature: DEMO_FEATURE, now: later });
  return { ship: shipped, progress, shipDir, status, expand, later };
}
