/**
 * A JSON column that holds an object (a lead's answers, its field times): the object, or {}
 * for anything else. Written by this code, so a bad value means a damaged row, and an empty
 * object keeps the lead readable.
 */
export function parseJsonObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
