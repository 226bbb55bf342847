/** The most decimals a mask may ask for (what JavaScript's fixed-point formatting supports). */
export const MAX_DECIMALS = 100

/**
 * Format a number with a mask: `0` (integer), `0.00` (fixed decimals), `#,##0.00` (grouping); any
 * other characters around the pattern (`$`, `%`, ` kg`) are kept. Undefined when the mask asks for
 * more than {@link MAX_DECIMALS} decimals.
 */
export function formatNumber(value: number, mask: string): string | undefined {
  const match = /[#0,.]+/.exec(mask)
  if (!match) return mask
  const pattern = match[0]
  const point = pattern.indexOf('.')
  const decimals = point === -1 ? 0 : pattern.length - point - 1
  if (decimals > MAX_DECIMALS) return undefined
  const fixed = Math.abs(value).toFixed(decimals)
  const [whole = '0', fraction] = fixed.split('.')
  const grouped = pattern.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole
  const digits = fraction === undefined ? grouped : `${grouped}.${fraction}`
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : ''
  return mask.slice(0, match.index) + sign + digits + mask.slice(match.index + pattern.length)
}
