<!--
  batch-dispatch.q: one q:job action="batch" puts a job per row on the queue.

  The page finds the products whose stock is below their reorder level and, with one batch,
  queues a `restock` job for each: the loop inside q:job action="batch" adds one job per
  iteration, its q:param values being that job's; the q:param directly under the batch
  (supplier) is shared by all of them. The batch's result, batch_job_restock, holds the job ids
  and the count.

    quantum run examples/batch-dispatch.q                  # queue the restocks
    quantum worker start --app examples                    # a worker runs them
    quantum jobs history restock

  Each job records a purchase order in the purchase_orders table and logs it.
-->
<q:component name="BatchDispatch" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS products (sku TEXT PRIMARY KEY, name TEXT NOT NULL, stock INTEGER NOT NULL, reorder_level INTEGER NOT NULL)
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS purchase_orders (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, quantity INTEGER NOT NULL, supplier TEXT NOT NULL)
  </q:query>
  <q:query datasource="db">
    INSERT OR REPLACE INTO products (sku, name, stock, reorder_level) VALUES
      ('T-1', 'Hammer', 2, 10), ('T-2', 'Saw', 40, 10), ('T-3', 'Chisel', 0, 5), ('T-4', 'Level', 3, 4)
  </q:query>

  <q:job name="restock" queue="purchasing" attempts="3" backoff="fixed:30s">
    <q:param name="sku" type="string" required="true"/>
    <q:param name="quantity" type="integer" required="true"/>
    <q:param name="supplier" type="string" required="true"/>
    <q:query datasource="db">
      INSERT INTO purchase_orders (sku, quantity, supplier) VALUES (:sku, :quantity, :supplier)
    </q:query>
    <q:log level="info">ordered {quantity} x {sku} from {supplier}</q:log>
    <q:return value="{quantity}"/>
  </q:job>

  <q:query name="low" datasource="db">
    SELECT sku, name, reorder_level * 2 - stock AS quantity FROM products WHERE stock < reorder_level ORDER BY sku
  </q:query>

  <q:job name="restock" action="batch">
    <q:param name="supplier" value="ToolCo"/>
    <q:loop query="low">
      <q:param name="sku" value="{low.sku}"/>
      <q:param name="quantity" value="{low.quantity}"/>
    </q:loop>
  </q:job>

  <p>Queued {batch_job_restock.count} restocks on {batch_job_restock.queue}: {low.recordCount} products are low.</p>
  <q:return value="{batch_job_restock.count}"/>
</q:component>
