import { ConnectorName } from '../../shared/delivery/connectors';
import { SendPolicy } from '../../shared/delivery/policy';
import { AppError } from '../../shared/errors';
import type { App } from '../app';

/** Exit code when some leads the policy selects are not delivered yet: still pending, or waiting for a person. */
export const EXIT_PENDING = 3;

/** How long `upload` waits out backoffs and rate-limit pauses before leaving the rest queued. */
const DEFAULT_MAX_WAIT_MS = 60_000;

export interface UploadArgs {
  connector?: string;
  event?: string;
  /** ready | mql | all: this run's policy over every connector's own (LEADBOOTH_<NAME>_SEND). */
  policy?: string;
}

/**
 * `leadbooth upload [--connector NAME] [--event ID] [--policy ready|mql|all]`: sends what each
 * enabled connector's policy selects and it has not yet received, waiting out short backoffs, and
 * prints one line per connector: this run's counts, then what is still not delivered —
 * `pending` (waiting to go: backoff, offline, rate limit, credentials rejected) and
 * `needsAttention` (refused by the CRM, earlier runs included, for a person to fix).
 * Returns the exit code: 0 only when every selected lead is delivered; 3 otherwise.
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
  let policy: SendPolicy | undefined;
  if (args.policy !== undefined) {
    const parsed = SendPolicy.safeParse(args.policy);
    if (!parsed.success) throw new AppError('sync.unknown_policy', `Unknown policy ${args.policy}; one of ${SendPolicy.options.join(', ')}`);
    policy = parsed.data;
  }
  const maxWaitMs = Number(process.env.LEADBOOTH_UPLOAD_MAX_WAIT_MS) || DEFAULT_MAX_WAIT_MS;

  core.sync.start({ scheduler: false, policy });
  const runs = await core.sync.engine.drain({ connector, eventId: args.event, maxWaitMs });
  let complete = true;
  for (const run of runs) {
    const { connector: name, sent, done, retrying, attention, stopped, error, verdicts } = run;
    const left = core.sync.outbox.scopeCounts(name, args.event ?? null);
    const pending = left.pending + left.inFlight;
    const needsAttention = left.attention;
    // A connector that cannot send (not configured, credentials rejected) has delivered nothing it selects.
    const blocked = stopped === 'not_configured' || stopped === 'credentials';
    if (pending > 0 || needsAttention > 0 || blocked) complete = false;
    print({
      connector: name,
      policy: core.sync.policyOf(name),
      sent, done, retrying, attention, pending, needsAttention,
      ...(stopped && stopped !== 'stopped' && (pending > 0 || blocked) ? { stopped } : {}),
      ...(verdicts && verdicts.changed > 0 ? { verdicts } : {}),
      ...(error && (pending > 0 || blocked) ? { error } : {}),
    });
  }
  return complete ? 0 : EXIT_PENDING;
}
