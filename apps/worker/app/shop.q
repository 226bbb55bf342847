<q:component name="Shop" xmlns:q="https://quantum.lang/ns">
  <!-- The shop's tables on the default datasource (db, a SQLite file in the state folder), seeded once. -->
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS orders (
      id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, total REAL NOT NULL,
      status TEXT NOT NULL DEFAULT 'new', created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, paid_at TEXT
    )
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS payments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, ok INTEGER NOT NULL)
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, expires_at TEXT NOT NULL)
  </q:query>
  <q:query name="known" datasource="db">SELECT COUNT(*) AS n FROM customers</q:query>
  <q:if condition="{known.n == 0}">
    <q:query datasource="db">
      INSERT INTO customers (name, email) VALUES
        ('Ada', 'ada@shop.test'), ('Grace', 'grace@shop.test'), ('Linus', 'linus@shop.test')
    </q:query>
    <q:loop type="range" var="i" from="1" to="6">
      <q:query datasource="db">
        INSERT INTO orders (customer_id, total) VALUES (:customer, :total)
        <q:param name="customer" value="{i % 3 + 1}"/>
        <q:param name="total" value="{i * 12.5}"/>
      </q:query>
    </q:loop>
  </q:if>

  <!-- Payment: order ids divisible by 4 are declined on their first attempt, so retries show. -->
  <q:job name="process-order" queue="orders" attempts="3" backoff="fixed:2s" timeout="30s">
    <q:param name="orderId" type="integer" required="true"/>
    <q:query name="tries" datasource="db">
      SELECT COUNT(*) AS n FROM payments WHERE order_id = :orderId
      <q:param name="orderId" value="{orderId}"/>
    </q:query>
    <q:function name="charge">
      <q:param name="id" type="integer" required="true"/>
      <q:param name="attempt" type="integer" required="true"/>
      <q:return value="{not (id % 4 == 0 and attempt == 0)}"/>
    </q:function>
    <q:set name="declined" value="{not charge(orderId, tries.n)}"/>
    <q:query datasource="db">
      INSERT INTO payments (order_id, ok) VALUES (:orderId, :ok)
      <q:param name="orderId" value="{orderId}"/>
      <q:param name="ok" value="{declined ? 0 : 1}"/>
    </q:query>
    <q:if condition="{declined}">
      <q:throw message="Payment declined for order {orderId}, will retry"/>
    </q:if>
    <q:query datasource="db">
      UPDATE orders SET status = 'paid', paid_at = CURRENT_TIMESTAMP WHERE id = :orderId
      <q:param name="orderId" value="{orderId}"/>
    </q:query>
    <q:log message="order {orderId} paid"/>
  </q:job>

  <!-- New orders arrive, two per tick (simulated customers), and each goes to the queue at once. The
       schedule's body runs in a scheduler worker thread; q:job there dispatches on the worker's queue. -->
  <q:schedule name="take-orders" interval="3s">
    <q:set name="taken" type="array" value="[]"/>
    <q:loop type="range" var="i" from="1" to="2">
      <q:query name="placed" datasource="db">
        INSERT INTO orders (customer_id, total, status) VALUES (:customer, :total, 'queued')
        <q:param name="customer" value="{i}"/>
        <q:param name="total" value="{i * 9.9}"/>
      </q:query>
      <q:job name="process-order" action="dispatch">
        <q:param name="orderId" value="{placed.lastInsertId}"/>
      </q:job>
      <q:set name="taken" operation="append" value="{placed.lastInsertId}"/>
    </q:loop>
    <!-- Orders are always "order N": "#N" in the worker's lines is the queue's job id, another number. -->
    <q:log message="took orders {taken.join(' and ')}"/>
  </q:schedule>

  <!-- At start: every order still 'new' goes to the queue, once. -->
  <q:query name="fresh" datasource="db">SELECT id FROM orders WHERE status = 'new' ORDER BY id</q:query>
  <q:loop type="array" var="order" items="{fresh}">
    <q:job name="process-order" action="dispatch">
      <q:param name="orderId" value="{order.id}"/>
    </q:job>
    <q:query datasource="db">
      UPDATE orders SET status = 'queued' WHERE id = :id
      <q:param name="id" value="{order.id}"/>
    </q:query>
  </q:loop>

  <!-- The daily report, mailed to the outbox at 07:00 UTC, and once at start (dispatched below,
       a few seconds late so the first orders are in it). -->
  <q:schedule name="daily-report" cron="0 7 * * *">
    <q:query name="paid" datasource="db">SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS amount FROM orders WHERE status = 'paid'</q:query>
    <q:mail to="owner@shop.test" subject="Daily report: {paid.n} orders paid" type="text">
      <q:body>Paid orders: {paid.n} for {formatNumber(paid.amount, '0.00')}.</q:body>
    </q:mail>
  </q:schedule>
  <q:job name="mail-report" queue="mail" attempts="2" backoff="fixed:5s">
    <q:query name="paid" datasource="db">SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS amount FROM orders WHERE status = 'paid'</q:query>
    <q:query name="waiting" datasource="db">SELECT COUNT(*) AS n FROM orders WHERE status != 'paid'</q:query>
    <q:mail to="owner@shop.test" subject="Daily report: {paid.n} orders paid" type="text">
      <q:body>Paid orders: {paid.n} for {formatNumber(paid.amount, '0.00')}. Waiting: {waiting.n}.</q:body>
    </q:mail>
    <q:log message="daily report mailed ({paid.n} orders paid)"/>
  </q:job>
  <q:job name="mail-report" action="dispatch" delay="5s"/>

  <!-- Expired sessions go every 10 seconds; the tick also opens one short session so there is work. -->
  <q:schedule name="session-cleanup" interval="10s">
    <q:query datasource="db">
      INSERT INTO sessions (customer_id, expires_at) VALUES (1, datetime('now', '+5 seconds'))
    </q:query>
    <q:query name="gone" datasource="db">DELETE FROM sessions WHERE expires_at &lt; datetime('now')</q:query>
    <q:log message="session cleanup removed {gone.affectedRows} sessions"/>
  </q:schedule>

  <!-- Fan-out at start: three threads total one customer's orders each, then join. -->
  <q:thread name="total-1">
    <q:query name="sum" datasource="db">
      SELECT COALESCE(SUM(total), 0) AS amount FROM orders WHERE customer_id = 1
    </q:query>
    <q:return value="{sum.amount}"/>
  </q:thread>
  <q:thread name="total-2">
    <q:query name="sum" datasource="db">
      SELECT COALESCE(SUM(total), 0) AS amount FROM orders WHERE customer_id = 2
    </q:query>
    <q:return value="{sum.amount}"/>
  </q:thread>
  <q:thread name="total-3">
    <q:query name="sum" datasource="db">
      SELECT COALESCE(SUM(total), 0) AS amount FROM orders WHERE customer_id = 3
    </q:query>
    <q:return value="{sum.amount}"/>
  </q:thread>
  <q:thread name="total-1,total-2,total-3" action="join" timeout="10s"/>
  <q:log message="order totals by customer: {thread.total-1.result}, {thread.total-2.result}, {thread.total-3.result}"/>
</q:component>
