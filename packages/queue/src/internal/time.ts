/** UTC ISO 8601 with `Z` for an epoch-ms instant, or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString()
}
