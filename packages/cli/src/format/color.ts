/** A function that wraps text in one ANSI style, or returns it unchanged when colours are off. */
export type Paint = (text: string) => string

/** The few styles the CLI uses. */
export interface Palette {
  bold: Paint
  dim: Paint
  red: Paint
  green: Paint
  yellow: Paint
}

const plain: Paint = (text) => text
const style =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`

/** The palette for `color`: real ANSI styles, or identity functions. */
export function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain }
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
  }
}
