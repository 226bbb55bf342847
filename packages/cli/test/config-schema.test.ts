import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { generatedFiles } from '../scripts/configSchema'
import { configJsonSchema, type JsonSchema, optionsOf } from '../src/config/jsonSchema'

const packageJson = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'))

it('the shipped JSON Schema and the configuration tables of the docs are what the schema generates', () => {
  for (const [path, text] of generatedFiles()) {
    // When this fails, `pnpm --filter @quantum/cli build` writes them again.
    expect(readFileSync(path, 'utf8'), path).toBe(text)
  }
})

it('ships the JSON Schema for editors: "$schema": "./node_modules/@quantum/cli/quantum.config.schema.json"', () => {
  expect(packageJson.files).toContain('quantum.config.schema.json')
  expect(packageJson.exports['./quantum.config.schema.json']).toBe('./quantum.config.schema.json')
  const shipped = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'quantum.config.schema.json'), 'utf8'),
  )
  expect(shipped.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
  expect(shipped.additionalProperties).toBe(false)
  expect(Object.keys(shipped.properties)).toEqual(
    expect.arrayContaining(['$schema', 'home', 'limits', 'metrics', 'parser', 'scheduler']),
  )
  expect(shipped.properties.scheduler.properties.stopGrace.default).toBe('10s')
})

it('describes every key, for editor hovers and the docs', () => {
  const undescribed: string[] = []
  const visit = (node: JsonSchema, path: string) => {
    for (const option of optionsOf(node)) {
      for (const [key, child] of Object.entries(option.properties ?? {})) {
        // A datasource's `driver` is described by the datasources key; it only picks the variant.
        if (child.description === undefined && key !== 'driver') undescribed.push(`${path}${key}`)
        visit(child, `${path}${key}.`)
      }
      if (typeof option.additionalProperties === 'object') visit(option.additionalProperties, `${path}*.`)
    }
  }
  visit(configJsonSchema(), '')
  expect(undescribed).toEqual([])
})

it('the docs table lists metrics.port, scheduler.stopGrace and home', () => {
  const docs = readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'docs', 'embedded-vs-redis.md'),
    'utf8',
  )
  for (const key of ['metrics.port', 'scheduler.stopGrace', 'home', 'parser.maxSourceBytes']) {
    expect(docs).toContain(`| \`${key}\` |`)
  }
})
