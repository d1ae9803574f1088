import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Input, ProcName } from '../shared/api';
import { bytesToBase64 } from '../shared/base64';
import { toWireError, type WireError } from '../shared/errors';
import { resolveLang } from '../shared/i18n';
import { createApp, type App } from './app';
import { accountsList } from './cli/accounts';
import { bundleExport, bundleImport } from './cli/bundle';
import { captureCommand } from './cli/capture';
import { cardImport, cardRead } from './cli/card';
import { checkinCommand } from './cli/checkin';
import { exportCommand, type Call } from './cli/export';
import { formsShow, leadsDeleteOrRestore, leadsList, leadsMerge, leadsShow, leadsUnmerge } from './cli/leads';
import { duplicatesList } from './cli/duplicates';
import { leadsStatus, rulesExport, rulesImport, scoreExplain } from './cli/triage';
import { targetsImport } from './cli/targets';
import { upload } from './cli/upload';
import { dispatch } from './dispatch';
import { startHost } from './host';
import { resolveDbFile } from './paths';
import { ensureRendererBuilt } from './renderer-build';

const USAGE = `Usage: leadbooth [--db PATH] COMMAND
  events create NAME [--kind tradeshow|seminar]
  events list
  roster import FILE --event ID
  badge parse PAYLOAD
  capture PAYLOAD --event ID [--staff NAME] [--rating hot|warm|cold] [--note TEXT]
          [--answer KEY=VALUE]... [--consent VERSION]   (multiple choice: --answer follow_up=demo|quote)
  checkin ID_OR_NAME --event ID [--staff NAME]   (a badge id, or a name/reading/email naming one registrant)
  capture --from FILE|- --event ID [--staff NAME]
  leads list --event ID [--json]
  leads show ID [--json]
  leads delete ID | leads restore ID [--staff NAME] [--json]
  leads merge SURVIVOR OTHER [--staff NAME] [--json]   (two leads of one event: one person)
  leads unmerge MERGE_ID [--staff NAME] [--json]
  duplicates list [--event ID] [--json]   (pairs, the rule that matched, automatic or not)
  leads status ID new|working|mql|sal|rejected|nurture|disqualified [--reason TEXT] [--staff NAME] [--json]
  score explain ID [--json] [--language ja|en]
  rules export FILE | rules import FILE   (scoring and assignment rules, triage settings: JSON)
  forms show --event ID [--json]
  accounts list [--event ID] [--json]
  targets import FILE   (target accounts: CSV, UTF-8 or Shift_JIS, company name / domain / tier columns)
  export --event ID --format generic|hubspot|salesforce [--encoding utf8|cp932] [--language ja|en] --out FILE
  bundle export FILE --event ID
  bundle import FILE
  upload [--connector hubspot|salesforce|mautic|webhook] [--event ID] [--policy ready|mql|all]
          (exit 3: some leads the policy selects are still pending or need attention)
  card read IMAGE [--json]   (a business-card photo read offline: fields with their confidences)
  card import DIR --event ID [--staff NAME]   (every image in DIR becomes a lead to check, its photo attached)
  serve [--port N]`;

/** Exit codes: 0 done, 1 internal or storage failure (a full disk), 2 rejected input or usage. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const exitCodeFor = (errorCode: string) => (errorCode === 'internal' || errorCode.startsWith('storage.') ? 1 : 2);

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  throw new Exit(2);
}

async function call<N extends ProcName>(core: App, name: N, input: Input<N>): Promise<unknown> {
  const result = await dispatch(core.handlers, name, input);
  if (!result.ok) {
    print({ error: { code: result.error.code, message: result.error.message } });
    throw new Exit(exitCodeFor(result.error.code));
  }
  return result.data;
}

function required(value: string | undefined, what: string): string {
  if (!value) usage(`Missing ${what}`);
  return value;
}

/** The line itself was refused (not a badge we read, too long): its own fault, not the run's. */
function refusedLine(error: WireError): boolean {
  if (error.code.startsWith('badge.')) return true;
  const issues = error.details;
  return (
    error.code === 'api.invalid_input' &&
    Array.isArray(issues) &&
    issues.every((issue: { path?: unknown[] }) => issue.path?.[0] === 'payload')
  );
}

async function captureFrom(core: App, source: string, eventId: string, staff: string | undefined) {
  const stream = source === '-' ? process.stdin : fs.createReadStream(source);
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const counts = { new: 0, merged: 0, rejected: 0 };
  // A refused badge is the scan's fault and is only counted; anything else (a full disk, a
  // lost lock) means a readable scan was not stored, which a script must not mistake for done.
  const failed = new Map<string, number>();
  let line = 0;
  let payloads = 0;
  for await (const payload of lines) {
    line++;
    if (!payload.trim()) continue;
    payloads++;
    const result = await dispatch(core.handlers, 'capture.scan', { eventId, payload, staff, source: 'cli' });
    if (result.ok) {
      const data = result.data as { lead: { id: string }; merged: boolean };
      counts[data.merged ? 'merged' : 'new']++;
      // Printed only after the capture committed: a line here is a promise it is stored.
      print({ line, id: data.lead.id, merged: data.merged });
    } else {
      counts.rejected++;
      print({ line, error: { code: result.error.code, message: result.error.message } });
      if (!refusedLine(result.error)) failed.set(result.error.code, (failed.get(result.error.code) ?? 0) + 1);
    }
  }
  print(counts);
  if (failed.size > 0) {
    const total = [...failed.values()].reduce((a, b) => a + b, 0);
    const reasons = [...failed].map(([code, n]) => (failed.size > 1 ? `${code} (${n})` : code)).join(', ');
    process.stderr.write(`${total} of ${payloads} lines failed: ${reasons}\n`);
    throw new Exit(Math.max(...[...failed.keys()].map(exitCodeFor)));
  }
}

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      kind: { type: 'string' },
      event: { type: 'string' },
      staff: { type: 'string' },
      from: { type: 'string' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      connector: { type: 'string' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
      rating: { type: 'string' },
      note: { type: 'string' },
      answer: { type: 'string', multiple: true },
      consent: { type: 'string' },
      reason: { type: 'string' },
      policy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) usage();

  // badge parse needs no database.
  if (command === 'badge') {
    if (sub !== 'parse') usage();
    const { parseBadge } = await import('../shared/badge');
    if (rest[0] === undefined) usage('Missing PAYLOAD');
    const parsed = parseBadge(rest[0]);
    print(parsed.ok ? parsed.badge : { error: { code: parsed.error.code, message: parsed.error.message } });
    if (!parsed.ok) throw new Exit(2);
    return;
  }

  const core = createApp({ dbFile: resolveDbFile(values.db ? ['--db', values.db] : []), shell: 'cli' });
  try {
    switch (command) {
      case 'events':
        if (sub === 'create') {
          const kind = (values.kind ?? 'tradeshow') as 'tradeshow';
          const event = (await call(core, 'events.create', { name: required(rest[0], 'NAME'), kind })) as { id: string };
          process.stdout.write(`${event.id}\n`);
        } else if (sub === 'list') print(await call(core, 'events.list', {}));
        else usage();
        return;
      case 'roster': {
        if (sub !== 'import') usage();
        const file = required(rest[0], 'FILE');
        const bytes = fs.readFileSync(file);
        const result = (await call(core, 'roster.import', {
          eventId: required(values.event, '--event'),
          file: bytesToBase64(bytes),
        })) as { added: number; updated: number; rejectedCount: number; rejected: unknown[]; encoding: string };
        print({ added: result.added, updated: result.updated, rejected: result.rejectedCount, encoding: result.encoding });
        for (const row of result.rejected) process.stderr.write(`${JSON.stringify(row)}\n`);
        return;
      }
      case 'capture': {
        const eventId = required(values.event, '--event');
        if (values.from) return await captureFrom(core, values.from, eventId, values.staff);
        const callCore: Call = (name, input) => call(core, name, input);
        print(await captureCommand(
          callCore,
          {
            eventId, payload: required(sub, 'PAYLOAD'), staff: values.staff,
            rating: values.rating, note: values.note, answers: values.answer, consent: values.consent,
          },
          (line) => process.stderr.write(`${line}\n`),
        ));
        return;
      }
      case 'checkin': {
        const callCore: Call = (name, input) => call(core, name, input);
        print(await checkinCommand(
          callCore,
          { eventId: required(values.event, '--event'), idOrName: required(sub, 'ID_OR_NAME'), staff: values.staff },
          (line) => process.stderr.write(`${line}\n`),
        ));
        return;
      }
      case 'leads': {
        const callCore: Call = (name, input) => call(core, name, input);
        const out = (line: string) => process.stdout.write(`${line}\n`);
        const json = values.json ?? false;
        if (sub === 'list') await leadsList(callCore, required(values.event, '--event'), json, out);
        else if (sub === 'show') await leadsShow(callCore, required(rest[0], 'ID'), json, out);
        else if (sub === 'status') {
          await leadsStatus(callCore, required(rest[0], 'ID'), required(rest[1], 'STATUS'), { reason: values.reason, staff: values.staff, json }, out);
        } else if (sub === 'delete' || sub === 'restore') await leadsDeleteOrRestore(callCore, sub, required(rest[0], 'ID'), values.staff, json, out);
        else if (sub === 'merge') await leadsMerge(callCore, required(rest[0], 'SURVIVOR'), required(rest[1], 'OTHER'), values.staff, json, out);
        else if (sub === 'unmerge') await leadsUnmerge(callCore, required(rest[0], 'MERGE_ID'), values.staff, json, out);
        else usage();
        return;
      }
      case 'duplicates': {
        if (sub !== 'list') usage();
        const callCore: Call = (name, input) => call(core, name, input);
        await duplicatesList(callCore, values.event, values.json ?? false, (line) => process.stdout.write(`${line}\n`));
        return;
      }
      case 'score': {
        if (sub !== 'explain') usage();
        const callCore: Call = (name, input) => call(core, name, input);
        const language = values.language === 'ja' ? 'ja' : 'en';
        await scoreExplain(callCore, required(rest[0], 'ID'), { json: values.json ?? false, language }, (line) => process.stdout.write(`${line}\n`));
        return;
      }
      case 'rules': {
        const callCore: Call = (name, input) => call(core, name, input);
        const file = required(rest[0], 'FILE');
        if (sub === 'export') print(await rulesExport(callCore, file));
        else if (sub === 'import') print(await rulesImport(callCore, file));
        else usage();
        return;
      }
      case 'accounts': {
        if (sub !== 'list') usage();
        const callCore: Call = (name, input) => call(core, name, input);
        await accountsList(callCore, values.event, values.json ?? false, (line) => process.stdout.write(`${line}\n`));
        return;
      }
      case 'targets': {
        if (sub !== 'import') usage();
        const callCore: Call = (name, input) => call(core, name, input);
        print(await targetsImport(callCore, required(rest[0], 'FILE'), (line) => process.stderr.write(`${line}\n`)));
        return;
      }
      case 'forms': {
        if (sub !== 'show') usage();
        const callCore: Call = (name, input) => call(core, name, input);
        await formsShow(callCore, required(values.event, '--event'), values.json ?? false, (line) => process.stdout.write(`${line}\n`));
        return;
      }
      case 'card': {
        if (sub === 'read') {
          const callCore: Call = (name, input) => call(core, name, input);
          await cardRead(callCore, required(rest[0], 'IMAGE'), values.json ?? false, (line) => process.stdout.write(`${line}\n`));
        } else if (sub === 'import') {
          // One card's failure is reported on its line and the rest of the folder goes on.
          const tryCall: Call = async (name, input) => {
            const result = await dispatch(core.handlers, name, input);
            if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
            return result.data;
          };
          const settings = (await call(core, 'settings.get', {})) as { language: 'ja' | 'en' | null };
          const lang = resolveLang(settings.language, process.env.LANG);
          const counts = await cardImport(
            tryCall,
            { dir: required(rest[0], 'DIR'), eventId: required(values.event, '--event'), staff: values.staff, lang },
            print,
          );
          print(counts);
          if (counts.failed > 0) {
            process.stderr.write(`${counts.failed} card(s) were not stored: see their lines above\n`);
            throw new Exit(2);
          }
        } else usage();
        return;
      }
      case 'serve': {
        const host = await startHost({ core, rendererDir: ensureRendererBuilt(), port: values.port ? Number(values.port) : 0 });
        // A long-running host delivers on its own schedule, as the desktop app does.
        core.sync.start({ scheduler: true });
        process.stdout.write(`LeadBooth is running in your browser host: open ${host.openUrl}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await host.close();
        return;
      }
      // Delivery commands (issue 3) are added here, one case each, implemented in electron/cli/.
      case 'export': {
        const callCore: Call = (name, input) => call(core, name, input);
        print(await exportCommand(callCore, {
          eventId: required(values.event, '--event'),
          format: required(values.format, '--format'),
          encoding: values.encoding,
          language: values.language,
          out: required(values.out, '--out'),
        }));
        return;
      }
      case 'bundle': {
        const callCore: Call = (name, input) => call(core, name, input);
        const file = required(rest[0], 'FILE');
        if (sub === 'export') print(await bundleExport(callCore, { eventId: required(values.event, '--event'), out: file }));
        else if (sub === 'import') print(await bundleImport(callCore, file));
        else usage();
        return;
      }
      case 'upload': {
        const code = await upload(core, { connector: values.connector, event: values.event, policy: values.policy }, print);
        if (code !== 0) throw new Exit(code);
        return;
      }
      default:
        usage(`Unknown command ${command}`);
    }
  } finally {
    core.close();
  }
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  try {
    await run(argv);
    return 0;
  } catch (err) {
    if (err instanceof Exit) return err.code;
    // Opening the database fails here, outside dispatch: the same mapping as every door.
    const { code, message } = toWireError(err);
    print({ error: { code, message } });
    return exitCodeFor(code);
  }
}
