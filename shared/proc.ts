import type { z } from 'zod';

/** One procedure of the contract: what it takes and what it answers. */
export const proc = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
