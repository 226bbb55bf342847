/**
 * The words a boolean may be written as, true word first: attributes (`required="yes"`), typed
 * parameters (`--param loud=on`), loose equality and conditions all read this one table.
 */
export const BOOLEAN_WORDS: readonly (readonly [whenTrue: string, whenFalse: string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
  ['on', 'off'],
  ['1', '0'],
]

const WORDS = new Map<string, boolean>(
  BOOLEAN_WORDS.flatMap(([whenTrue, whenFalse]) => [
    [whenTrue, true],
    [whenFalse, false],
  ]),
)

/**
 * The boolean a word stands for (any case, surrounding blanks ignored), or undefined when the text is
 * not one of {@link BOOLEAN_WORDS}.
 */
export function parseBooleanWord(text: string): boolean | undefined {
  return WORDS.get(text.trim().toLowerCase())
}
