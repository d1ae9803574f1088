/** Times are integer milliseconds in the database and ISO strings in the API. */
export const iso = (ms: number): string => new Date(ms).toISOString();
