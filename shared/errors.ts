import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, CLI) as {code, message}. The code is stable and
 * dotted (`badge.empty`); the UI translates it. The message is for logs and developers.
 */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof WireError>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) {
    return err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}
