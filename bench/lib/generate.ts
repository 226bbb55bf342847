/**
 * A `.q` document of about `bytes` bytes written the way users write them: sets, ifs with sibling
 * elses, loops, queries with params, logs, mail bodies and HTML with interpolations. It is also valid
 * XML, so bare xmldom can parse the very same text.
 */
export function generateDocument(bytes: number): string {
  const blocks: string[] = ['<q:component name="Bench" xmlns:q="https://quantum.lang/ns">']
  let size = blocks[0]?.length ?? 0
  for (let i = 0; size < bytes; i++) {
    const block = `
  <q:set name="total${i}" value="{price * quantity + ${i}}" type="number"/>
  <q:if condition="{total${i} &gt; 100 and status == 'open'}">
    <q:log level="info">big order {orderId} of {total${i}}</q:log>
  </q:if>
  <q:else>
    <q:set name="count" operation="increment"/>
  </q:else>
  <q:loop type="array" var="item" items="{items}" index="n">
    <q:query name="row${i}" datasource="db">
      SELECT id, name FROM products WHERE id = :id AND stock &gt; 0
      <q:param name="id" value="{item.id}" type="integer"/>
    </q:query>
    <p class="row">#{n}: {item.name} costs \${formatNumber(item.price, '0.00')}</p>
  </q:loop>
  <q:mail to="{customer.email}" subject="Order {orderId}">
    <q:body>Hello {customer.name}, your {items.length} items ship today.</q:body>
  </q:mail>`
    blocks.push(block)
    size += block.length
  }
  blocks.push('\n</q:component>\n')
  return blocks.join('')
}
