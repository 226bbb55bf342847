import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runError } from '../helpers'
import { createDataApp, type DataApp } from '../support/dataApp'

let app: DataApp

beforeEach(() => {
  app = createDataApp()
})

afterEach(() => app.remove())

const PRODUCTS = JSON.stringify([
  { name: 'pen', price: 2.5 },
  { name: 'book', price: 12 },
  { name: 'cup', price: 1 },
])

const BOOKS = `<?xml version="1.0"?>
<library>
  <book id="1"><title>Dune</title><author>Herbert</author><price>9.99</price></book>
  <book id="2"><title>Emma</title><author>Austen</author><price>4.50</price></book>
  <magazine id="3"><title>Wired</title></magazine>
</library>
`

describe('q:data type="json"', () => {
  it('reads an array of records from a file and sorts and computes on it', async () => {
    app.write('jobs/data/products.json', PRODUCTS)
    const result = await app.run(`
  <q:data name="products" source="data/products.json" type="json">
    <q:transform>
      <q:compute field="discountPrice" expression="{price} * 0.9" type="decimal"/>
      <q:sort by="price" order="desc"/>
    </q:transform>
  </q:data>
  <q:return value="{products}"/>`)
    expect(result.result).toEqual([
      { name: 'book', price: 12, discountPrice: 10.8 },
      { name: 'pen', price: 2.5, discountPrice: 2.25 },
      { name: 'cup', price: 1, discountPrice: 0.9 },
    ])
  })

  it('reads an object as one record, and JSON text held by a variable', async () => {
    app.write('jobs/config.json', '{"theme": "dark"}')
    const result = await app.run(
      `
  <q:data name="config" source="config.json" type="json"/>
  <q:data name="given" source="{text}" type="json"/>
  <q:return value="{[config[0].theme, len(given)]}"/>`,
      { params: { text: PRODUCTS } },
    )
    expect(result.result).toEqual(['dark', 3])
  })

  it('places a syntax error at its line and column', async () => {
    app.write('jobs/broken.json', '[\n  {"a": 1},\n  {"a": 2,}\n]')
    const error = await app.fail('  <q:data name="rows" source="broken.json" type="json"/>')
    expect([error.code, error.location]).toEqual(['RUNTIME_DATA_FORMAT', 'jobs/import.q:2:3'])
    expect(error.message).toBe(
      "Malformed JSON in 'broken.json' at line 3, column 11: Expected double-quoted property name",
    )
  })

  it('refuses a file over the read cap: JSON is read whole', async () => {
    const { createFiles } = await import('../../src/services')
    const small = createDataApp({ files: createFiles({ roots: [app.app], base: app.app, maxReadBytes: 10 }) })
    try {
      app.write('jobs/products.json', PRODUCTS)
      const error = await small.fail('  <q:data name="rows" source="products.json" type="json"/>')
      expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    } finally {
      small.remove()
    }
  })
})

describe('q:data type="xml"', () => {
  it('selects records by xpath and maps fields by their own xpath and type', async () => {
    app.write('jobs/data/books.xml', BOOKS)
    const result = await app.run(`
  <q:data name="books" source="data/books.xml" type="xml" xpath=".//book">
    <q:field name="id" xpath="@id" type="integer"/>
    <q:field name="title" xpath="title/text()" type="string"/>
    <q:field name="author" xpath="author"/>
    <q:field name="price" xpath="price/text()" type="decimal"/>
    <q:field name="isbn" xpath="isbn"/>
    <q:field name="words" xpath="string-length(title)" type="integer"/>
  </q:data>
  <q:return value="{books}"/>`)
    expect(result.result).toEqual([
      { id: 1, title: 'Dune', author: 'Herbert', price: 9.99, isbn: null, words: 4 },
      { id: 2, title: 'Emma', author: 'Austen', price: 4.5, isbn: null, words: 4 },
    ])
  })

  it('matches names in a default namespace, as a feed declares one', async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>One</title></entry><entry><title>Two</title></entry></feed>`
    const result = await app.run(
      `
  <q:data name="entries" source="{feed}" type="xml" xpath="/feed/entry">
    <q:field name="title" xpath="title"/>
  </q:data>
  <q:return value="{entries}"/>`,
      { params: { feed } },
    )
    expect(result.result).toEqual([{ title: 'One' }, { title: 'Two' }])
  })

  it('places malformed XML at its line and column, and never expands a declared entity', async () => {
    app.write('jobs/bad.xml', '<library>\n  <book id="1"></boo>\n</library>')
    const error = await app.fail(`  <q:data name="rows" source="bad.xml" type="xml" xpath="//book">
    <q:field name="id" xpath="@id"/>
  </q:data>`)
    expect(error.code).toBe('RUNTIME_DATA_FORMAT')
    expect(error.message).toMatch(/^Malformed XML in 'bad\.xml' at line 2, column \d+: .*mismatch/)
    app.write('jobs/bomb.xml', '<!DOCTYPE a [<!ENTITY e "boom"><!ENTITY f "&e;&e;&e;&e;">]><a><b>&f;</b></a>')
    const bomb = await app.fail(`  <q:data name="rows" source="bomb.xml" type="xml" xpath="//b">
    <q:field name="text" xpath="."/>
  </q:data>`)
    expect(bomb.code).toBe('RUNTIME_DATA_FORMAT')
    expect(bomb.message).toContain('entity not found')
  })

  it('names the record, its line, the field and the expected type of a value that does not convert', async () => {
    app.write('jobs/data/books.xml', BOOKS.replace('<price>4.50</price>', '<price>cheap</price>'))
    const error = await app.fail(`  <q:data name="books" source="data/books.xml" type="xml" xpath="//book">
    <q:field name="price" xpath="price" type="decimal"/>
  </q:data>`)
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe(
      "'data/books.xml' row 2 (line 4), column 'price': Cannot convert 'cheap' to decimal",
    )
  })

  it('reads XML written inline', async () => {
    const result = await app.run(`
  <q:data name="items" type="xml" xpath="/items/item">
    <q:field name="n" xpath="@n" type="integer"/>
    <![CDATA[<items><item n="1"/><item n="2"/></items>]]>
  </q:data>
  <q:return value="{items}"/>`)
    expect(result.result).toEqual([{ n: 1 }, { n: 2 }])
  })
})

describe('q:data sources', () => {
  it('tells a path from content: text that spans lines or starts with [ { < is the content', async () => {
    app.write('jobs/list.json', '[{"from": "file"}]')
    const result = await app.run(
      `
  <q:data name="byPath" source="{path}" type="json"/>
  <q:data name="byText" source="{text}" type="json"/>
  <q:data name="byTemplate" source="{folder}/list.json" type="json"/>
  <q:return value="{[byPath[0].from, byText[0].from, byTemplate[0].from, byText_result.source]}"/>`,
      { params: { path: 'list.json', text: '[{"from": "text"}]', folder: '.' } },
    )
    expect(result.result).toEqual(['file', 'text', 'file', '{text}'])
  })

  it('needs a host that gives file rules to read a file', async () => {
    const error = await runError('<q:data name="a" source="a.csv" type="csv"/>')
    expect(error.code).toBe('RUNTIME_SERVICE_MISSING')
    expect(error.message).toBe(
      '<q:data> needs file access rules (the folders a program may read), and this host provides none (RuntimeServices.files)',
    )
  })
})
