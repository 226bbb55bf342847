import { configJsonSchema, type JsonSchema } from './jsonSchema'

/**
 * The configuration's tables in the docs, generated from the schema between marker comments:
 * `<!-- config-table:start -->` … `<!-- config-table:end -->` for every key (`datasources`, `limits` and
 * `redis` on one row each), `<!-- config-table:limits:start -->` … for the `limits` section alone.
 */

interface Row {
  key: string
  default: string
  meaning: string
}

/** Sections shown as one row in the main table (their keys are listed, or have a table of their own). */
const COLLAPSED = ['datasources', 'limits', 'redis']

const MARKED = /(<!-- (config-table(?::[\w-]+)?):start -->\n)[\s\S]*?(<!-- \2:end -->)/g

/** `markdown` with every marked table generated anew from the schema. */
export function renderConfigTables(markdown: string): string {
  const schema = configJsonSchema({ defaultText: true })
  return markdown.replace(MARKED, (_, start: string, name: string, end: string) => {
    const section = name.split(':')[1]
    const table =
      section === undefined
        ? markdownTable(['key', 'default', 'meaning'], keyRows(schema))
        : markdownTable(['key', 'default', 'meaning'], keyRows(sectionOf(schema, section), ''))
    return `${start}${table}\n${end}`
  })
}

function sectionOf(schema: JsonSchema, name: string): JsonSchema {
  const section = schema.properties?.[name]
  if (!section?.properties) throw new Error(`the configuration has no section '${name}'`)
  return section
}

/** One row per key; a section's keys each on their own row, unless the section is collapsed. */
function keyRows(schema: JsonSchema, prefix = ''): Row[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, node]): Row[] => {
    const key = `${prefix}${name}`
    if (node.properties && prefix === '' && !COLLAPSED.includes(name) && schema.title !== undefined) {
      // The section's own row says what its keys share, then a row per key.
      return [{ key: code(key), default: '–', meaning: node.description ?? '' }, ...keyRows(node, `${key}.`)]
    }
    const keys = node.properties ? ` Keys: ${Object.keys(node.properties).map(code).join(', ')}.` : ''
    return [{ key: code(key), default: defaultOf(node), meaning: `${node.description ?? ''}${keys}` }]
  })
}

function defaultOf(node: JsonSchema): string {
  if (node.defaultText !== undefined) return node.defaultText
  if (node.default === undefined) return '–'
  if (typeof node.default === 'number') return node.default.toLocaleString('en-US')
  return code(JSON.stringify(node.default))
}

function code(text: string): string {
  return `\`${text}\``
}

function markdownTable(headers: string[], rows: Row[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|')
  const lines = rows.map((row) => `| ${[row.key, row.default, row.meaning].map(cell).join(' | ')} |`)
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...lines].join('\n')
}
