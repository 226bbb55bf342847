import { describe, expect, it } from 'vitest'
import { run } from '../helpers'

describe('output', () => {
  it('renders HTML with databound attributes and text, escaping everything into well-formed HTML', async () => {
    const result = await run(
      `<q:set name="name" value="&lt;b&gt;Ana&lt;/b&gt;"/>
       <div class="user {cls}" data-id="{id}"><h1>Hello {name} &amp; co</h1><br/><img src="a.png"/> <span>x</span></div>
       <p title="a &amp; b">Tom &amp; Jerry, a &lt; b, Tom & Jerry&nbsp;&copy; &bogus;</p>
       <script>if (a < b && c) { run() }</script>`,
      { params: { cls: 'on', id: 3 } },
    )
    expect(result.output).toBe(
      '<div class="user on" data-id="3"><h1>Hello &lt;b&gt;Ana&lt;/b&gt; &amp; co</h1><br><img src="a.png"> <span>x</span></div>\n' +
        '<p title="a &amp; b">Tom &amp; Jerry, a &lt; b, Tom &amp; Jerry\u00a0\u00a9 &amp;bogus;</p>\n' +
        '<script>if (a < b && c) { run() }</script>\n',
    )
  })

  it('renders loops of elements and q: tags inside HTML', async () => {
    const result = await run(
      `<ul><q:loop type="array" var="i" items="{[1, 2]}"><li>{i}</li></q:loop></ul>
       <q:if condition="true"><p>yes</p></q:if>`,
    )
    expect(result.output).toBe('<ul><li>1</li><li>2</li></ul>\n<p>yes</p>\n')
  })

  it('q:dump shows a value and keeps it as _dump_<label>', async () => {
    const result =
      await run(`<q:set name="o" value='{"a": [1]}' type="object"/><q:dump var="{o}" label="cfg" format="json"/>
      <q:dump var="{o}" label="pretty"/><q:return value="{_dump_cfg.a}"/>`)
    expect(result.output).toBe('{"a":[1]}\npretty: {\n  "a": [\n    1\n  ]\n}\n')
    expect(result.result).toEqual([1])
  })

  it('q:dump depth shows that many levels and summarises deeper collections, keeping the whole value', async () => {
    const result = await run(
      `<q:set name="o" value='{"user": {"name": "Ana", "tags": ["a", "b", "c"], "address": {"city": "Porto"}}, "n": 1}' type="object"/>
      <q:dump var="{o}" label="one" format="json" depth="1"/>
      <q:dump var="{o}" label="two" format="json" depth="2"/>
      <q:dump var="{[[1, [2]], 3]}" label="list" format="json" depth="1"/>
      <q:return value="{_dump_one.user.address.city}"/>`,
    )
    expect(result.output).toBe(
      '{"user":"[object with 3 keys]","n":1}\n' +
        '{"user":{"name":"Ana","tags":"[array of 3 items]","address":"[object with 1 key]"},"n":1}\n' +
        '["[array of 2 items]",3]\n',
    )
    expect(result.result).toBe('Porto')
  })

  it('q:action runs after the body with its params and form fields; q:redirect is recorded', async () => {
    const source = `<q:component name="Orders">
        <q:set name="prefix" value="/orders/"/>
        <q:action name="submit">
          <q:param name="qty" type="integer"/>
          <q:set name="total" value="{qty * 2}"/>
          <q:redirect to="{prefix}{total}" flash="saved {form.qty}"/>
          <q:return value="{total}"/>
        </q:action>
      </q:component>`
    const result = await run(source, { action: 'submit', params: { qty: '21' } })
    expect(result.result).toBe(42)
    expect(result.redirect).toEqual({ url: '/orders/42', status: 302, flash: 'saved 21' })
    await expect(run(source, { action: 'nope' })).rejects.toMatchObject({
      code: 'RUNTIME_NOT_FOUND',
      message: "Action 'nope' not found in 'Orders'; actions are: submit",
    })
  })

  it('returns the component variables as JSON-safe data', async () => {
    const result = await run('<q:set name="d" value="{now()}"/><q:set name="n" value="{1}"/>', {
      services: { clock: { now: () => new Date(2026, 4, 6, 7, 8, 9) } },
    })
    expect(result.variables).toEqual({ d: '2026-05-06T07:08:09', n: 1 })
    expect(result.component).toBe('Test')
  })
})

describe('escaping and dates', () => {
  it('escapes quotes only inside attributes; text keeps apostrophes readable', async () => {
    const result = await run(`<p title="{who}">{who}</p>`, { params: { who: `O'Brien "OB" <x>` } })
    expect(result.output).toBe(`<p title="O'Brien &quot;OB&quot; &lt;x&gt;">O'Brien "OB" &lt;x&gt;</p>\n`)
  })

  it('reads a date without a time as that local day, whatever the timezone', async () => {
    const result = await run(`<q:set name="d" value="2026-01-15" type="date"/>
      <q:return value="{[formatDate('2026-01-15', 'yyyy-MM-dd'), formatDate(d, 'yyyy-MM-dd')]}"/>`)
    expect(result.result).toEqual(['2026-01-15', '2026-01-15'])
  })
})
