import path from 'node:path';
import type { Input, Output, ProcName } from '../../shared/api';
import { writePrivateFile } from './private-file';

/** Calls one procedure through the CLI's door (dispatch: name check, contract parse, handler). */
export type Call = <N extends ProcName>(name: N, input: Input<N>) => Promise<unknown>;

export interface ExportArgs {
  eventId: string;
  format: string;
  encoding?: string;
  language?: string;
  out: string;
}

/** `leadbooth export --event ID --format F [--encoding E] [--language ja|en] --out FILE` */
export async function exportCommand(call: Call, args: ExportArgs) {
  // Format and encoding go to the contract as typed: it rejects anything else with a code.
  const result = (await call('export.csv', {
    eventId: args.eventId,
    format: args.format as Input<'export.csv'>['format'],
    encoding: args.encoding as Input<'export.csv'>['encoding'],
    language: args.language as Input<'export.csv'>['language'],
  })) as Output<'export.csv'>;
  writePrivateFile(args.out, Buffer.from(result.base64, 'base64'));
  return { file: path.resolve(args.out), rows: result.rows, encoding: result.encoding, replaced: result.replaced };
}
