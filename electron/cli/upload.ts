import { ConnectorName } from '../../shared/delivery/connectors';
import { AppError } from '../../shared/errors';
import type { App } from '../app';

/** Exit code when records are still waiting after the run (backoff, offline, rate limit). */
export const EXIT_PENDING = 3;

/** How long `upload` waits out backoffs and rate-limit pauses before leaving the rest queued. */
const DEFAULT_MAX_WAIT_MS = 60_000;

export interface UploadArgs {
  connector?: string;
  event?: string;
}

/**
 * `leadbooth upload [--connector NAME] [--event ID]`: sends what each enabled connector has not
 * yet received, waiting out short backoffs, and prints one line of counts per connector.
 * Returns the exit code: 0 when nothing is left pending, 3 when some records remain.
 */
export async function upload(core: App, args: UploadArgs, print: (value: unknown) => void): Promise<number> {
  let connector: ConnectorName | undefined;
  if (args.connector !== undefined) {
    const parsed = ConnectorName.safeParse(args.connector);
    if (!parsed.success) {
      throw new AppError('sync.unknown_connector', `Unknown connector ${args.connector}; one of ${ConnectorName.options.join(', ')}`);
    }
    connector = parsed.data;
  }
  const maxWaitMs = Number(process.env.LEADBOOTH_UPLOAD_MAX_WAIT_MS) || DEFAULT_MAX_WAIT_MS;

  core.sync.start({ scheduler: false });
  const runs = await core.sync.engine.drain({ connector, eventId: args.event, maxWaitMs });
  for (const run of runs) {
    const { connector: name, sent, done, retrying, attention, pending, error } = run;
    print({ connector: name, sent, done, retrying, attention, pending, ...(error ? { error } : {}) });
  }
  return runs.some((run) => run.pending > 0) ? EXIT_PENDING : 0;
}
