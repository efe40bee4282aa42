// The one injected today: `--today YYYY-MM-DD`, else the environment variable KILLDATE_TODAY,
// else the local date. Anything but a real calendar date is a usage error (exit 2).
import { isValidDate, todayIso } from '../core/dates.js';
import { KilldateError } from '../core/errors.js';

export const TODAY_ENV = 'KILLDATE_TODAY';

export function resolveToday(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (given !== undefined) return checked(given, '--today');
  const fromEnv = env[TODAY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, TODAY_ENV);
  return todayIso();
}

function checked(value: string, source: string): string {
  if (isValidDate(value)) return value;
  throw new KilldateError(
    'USAGE',
    `${source} ${JSON.stringify(value)} is not a real date: expected YYYY-MM-DD`,
  );
}
