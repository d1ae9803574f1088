import { z } from 'zod';
import { api, isProcName, type Handlers, type Result } from '../shared/api';
import { toWireError } from '../shared/errors';

/**
 * The four steps every door takes: reject unknown names, parse the input with the contract,
 * call the handler, wrap the outcome. IPC, HTTP and the CLI differ only in transport.
 */
export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isProcName(name)) {
    return { ok: false, error: { code: 'api.unknown_procedure', message: `Unknown procedure ${String(name).slice(0, 100)}` } };
  }
  const parsed = api[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'api.invalid_input', message: z.prettifyError(parsed.error), details: parsed.error.issues.slice(0, 20) },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, data: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}
