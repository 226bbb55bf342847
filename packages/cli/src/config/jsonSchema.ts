import { z } from 'zod'
import { configSchema } from './schema'

/** A JSON Schema node, as far as the configuration's readers look into it. */
export interface JsonSchema {
  [keyword: string]: unknown
  description?: string
  default?: unknown
  /** The default in words (the docs only; not in the shipped file). */
  defaultText?: string
  properties?: Record<string, JsonSchema>
  additionalProperties?: JsonSchema | boolean
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

/**
 * The JSON Schema of `quantum.config.json` (draft 2020-12), generated from {@link configSchema}: the
 * file shipped as `@quantum/cli/quantum.config.schema.json`, or with `defaultText` for the docs.
 */
export function configJsonSchema({ defaultText = false }: { defaultText?: boolean } = {}): JsonSchema {
  const generated = z.toJSONSchema(configSchema, {
    io: 'input',
    override: (context) => {
      if (!defaultText) delete (context.jsonSchema as JsonSchema).defaultText
    },
  }) as JsonSchema
  const { $schema, ...rest } = generated
  return {
    $schema,
    title: 'quantum.config.json',
    description: 'The configuration of the quantum command and worker (@quantum/cli).',
    ...rest,
  }
}

let shipped: JsonSchema | undefined

/** The keys an object at `path` of the configuration may have (every option's, under a union). */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  shipped ??= configJsonSchema()
  let nodes = optionsOf(shipped)
  for (const step of path) {
    nodes = nodes.flatMap((node) => {
      const next = node.properties?.[String(step)] ?? node.additionalProperties
      return typeof next === 'object' ? optionsOf(next) : []
    })
  }
  const keys = nodes.flatMap((node) => Object.keys(node.properties ?? {}))
  return [...new Set(keys)].filter((key) => key !== '$schema')
}

/** A node, or the options of a union. */
export function optionsOf(node: JsonSchema): JsonSchema[] {
  const options = node.anyOf ?? node.oneOf
  return options ? options.flatMap(optionsOf) : [node]
}
