<!--
  thread-callbacks.q: on-complete and on-error callbacks of q:thread.

  Two threads export invoices. `export-march` succeeds and returns the number it exported: its
  on-complete function is called with that `result` and mails a confirmation (to the outbox, or by
  SMTP with QUANTUM_MAIL_URL). `export-april` fails (a month with no invoices throws): its
  on-error function is called with the `error` message and records an alert in the database.
  Callbacks run in the page that started the threads, with its functions and component scope;
  a callback that fails is logged, never raised.

    quantum run examples/thread-callbacks.q
-->
<q:component name="ThreadCallbacks" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS invoices (id INTEGER PRIMARY KEY, month TEXT NOT NULL, amount REAL NOT NULL)
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY, message TEXT NOT NULL)
  </q:query>
  <q:query datasource="db">DELETE FROM invoices</q:query>
  <q:query datasource="db">DELETE FROM alerts</q:query>
  <q:query datasource="db">
    INSERT INTO invoices (month, amount) VALUES ('2026-03', 100), ('2026-03', 250), ('2026-03', 75)
  </q:query>

  <q:function name="exported">
    <q:param name="result" type="integer"/>
    <q:mail to="accounting@example.com" from="exports@example.com" subject="Export done" type="text">
      <q:body>{result} invoices exported.</q:body>
    </q:mail>
    <q:log level="info">export done: {result} invoices, confirmation mailed</q:log>
  </q:function>

  <q:function name="exportFailed">
    <q:param name="error" type="string"/>
    <q:query datasource="db">
      INSERT INTO alerts (message) VALUES (:message)
      <q:param name="message" value="{error}"/>
    </q:query>
    <q:log level="error">export failed: {error}</q:log>
  </q:function>

  <q:thread name="export-march" on-complete="exported" on-error="exportFailed">
    <q:query name="rows" datasource="db">SELECT COUNT(*) AS n FROM invoices WHERE month = '2026-03'</q:query>
    <q:return value="{rows.n}"/>
  </q:thread>

  <q:thread name="export-april" on-complete="exported" on-error="exportFailed">
    <q:query name="rows" datasource="db">SELECT COUNT(*) AS n FROM invoices WHERE month = '2026-04'</q:query>
    <q:if condition="{rows.n == 0}">
      <q:throw type="Export" message="no invoices for 2026-04"/>
    </q:if>
    <q:return value="{rows.n}"/>
  </q:thread>

  <q:thread name="export-march,export-april" action="join" timeout="30s"/>

  <q:query name="alerts" datasource="db">SELECT message FROM alerts ORDER BY id</q:query>
  <p>export-march: {thread.export-march.status}, result {thread.export-march.result}</p>
  <p>export-april: {thread.export-april.status}, error {thread.export-april.error.message}</p>
  <p>alerts: {alerts.recordCount}</p>
  <q:return value="{alerts.recordCount}"/>
</q:component>
