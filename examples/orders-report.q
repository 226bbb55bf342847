<!--
  orders-report.q: SQL with the default datasource.

  `db` is a SQLite file in the state folder (.quantum/app.db unless the home option or
  QUANTUM_HOME moves it). The report recreates its table report_orders on every run, inserts a few orders with
  bound parameters, reads them back and renders an HTML report with totals.

  Parameter: minTotal (a decimal, default 0) hides smaller orders.
-->
<q:component name="OrdersReport" xmlns:q="https://quantum.lang/ns">
  <q:param name="minTotal" type="decimal" default="0"/>

  <!-- Start from an empty table so the report is the same on every run. -->
  <q:query name="dropOrders" datasource="db">DROP TABLE IF EXISTS report_orders</q:query>
  <q:query name="createOrders" datasource="db">
    CREATE TABLE report_orders (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer TEXT NOT NULL,
      total REAL NOT NULL,
      placed_at TEXT NOT NULL
    )
  </q:query>

  <!-- The rows to insert, as a JSON array (dates are local times). -->
  <q:set name="newOrders" type="array" value='[
    {"customer": "Ada", "total": 1250.5, "placedAt": "2026-03-02T09:15:00"},
    {"customer": "Grace", "total": 89.99, "placedAt": "2026-03-03T14:40:00"},
    {"customer": "Linus", "total": 420, "placedAt": "2026-03-05T18:05:00"},
    {"customer": "Barbara", "total": 15.25, "placedAt": "2026-03-06T08:00:00"}
  ]'/>

  <!-- SQL never contains {…}: every value is bound through :name and a typed q:param. -->
  <q:loop type="array" var="order" items="{newOrders}">
    <q:query name="inserted" datasource="db">
      INSERT INTO report_orders (customer, total, placed_at) VALUES (:customer, :total, :placedAt)
      <q:param name="customer" value="{order.customer}" type="string" maxLength="40"/>
      <q:param name="total" value="{order.total}" type="decimal"/>
      <q:param name="placedAt" value="{order.placedAt}" type="string"/>
    </q:query>
  </q:loop>
  <q:log message="inserted {len(newOrders)} orders, last id {inserted.insertId}"/>

  <q:query name="orders" datasource="db">
    SELECT id, customer, total, placed_at FROM report_orders
    WHERE total >= :minTotal
    ORDER BY placed_at
    <q:param name="minTotal" value="{minTotal}" type="decimal"/>
  </q:query>

  <h1>Orders of at least {formatNumber(minTotal, '$#,##0.00')}: {orders.recordCount}</h1>

  <!-- The query shorthand: each row's columns are variables inside the loop. -->
  <q:set name="grandTotal" value="0" type="decimal"/>
  <q:loop query="orders">
    <p>#{id} {customer}: {formatNumber(total, '$#,##0.00')} on {formatDate(placed_at, 'EEE dd MMM yyyy, HH:mm')}</p>
    <q:set name="grandTotal" operation="add" value="{total}"/>
  </q:loop>

  <!-- The var/items form: each row is an object in `row`. -->
  <q:set name="largeOrders" value="0" type="integer"/>
  <q:set name="customers" type="array" value="[]"/>
  <q:loop type="array" var="row" items="{orders}">
    <q:set name="customers" operation="append" value="{row.customer}"/>
    <q:if condition="row.total >= 100">
      <q:set name="largeOrders" operation="increment"/>
    </q:if>
  </q:loop>

  <p>Total {formatNumber(grandTotal, '$#,##0.00')} from {customers.join(', ')}; {largeOrders} of at least $100.</p>
  <q:return value="{round(grandTotal, 2)}"/>
</q:component>
