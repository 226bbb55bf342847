<!--
  parallel-join.q: three threads query the database at the same time; join waits for all three.

  The component fills a sales table, then starts one q:thread per region. Each body runs on the
  CLI's pool of worker threads, with the same `db` datasource, sums its region's sales and
  returns the total; it also leaves the number of rows in its own thread scope (thread.rows).
  `q:thread action="join"` with a list of names waits for every one of them, up to 30 s, and
  then thread.<name> holds each one's status and result.

    quantum run examples/parallel-join.q
    quantum run examples/parallel-join.q --format json     # "threads" shows each thread's final state
-->
<q:component name="ParallelJoin" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, region TEXT NOT NULL, amount REAL NOT NULL)
  </q:query>
  <q:query datasource="db">DELETE FROM sales</q:query>
  <q:query datasource="db">
    INSERT INTO sales (region, amount) VALUES
      ('north', 120.00), ('north', 80.50), ('south', 42.25), ('south', 57.75), ('south', 100.00), ('west', 9.99)
  </q:query>

  <q:thread name="north">
    <q:query name="totals" datasource="db">
      SELECT COUNT(*) AS n, SUM(amount) AS total FROM sales WHERE region = 'north'
    </q:query>
    <q:set name="thread.rows" value="{totals.n}"/>
    <q:return value="{totals.total}"/>
  </q:thread>
  <q:thread name="south">
    <q:query name="totals" datasource="db">
      SELECT COUNT(*) AS n, SUM(amount) AS total FROM sales WHERE region = 'south'
    </q:query>
    <q:set name="thread.rows" value="{totals.n}"/>
    <q:return value="{totals.total}"/>
  </q:thread>
  <q:thread name="west">
    <q:query name="totals" datasource="db">
      SELECT COUNT(*) AS n, SUM(amount) AS total FROM sales WHERE region = 'west'
    </q:query>
    <q:set name="thread.rows" value="{totals.n}"/>
    <q:return value="{totals.total}"/>
  </q:thread>

  <p>Started 3 threads; the page goes on while they run.</p>

  <q:thread name="north,south,west" action="join" timeout="30s"/>

  <q:set name="regions" type="array" value='["north", "south", "west"]'/>
  <q:set name="grandTotal" value="0"/>
  <q:loop type="array" var="region" items="{regions}">
    <q:set name="t" value="{thread[region]}"/>
    <p>{region}: {t.status}, {t.rows} sales, {formatNumber(t.result, '#,##0.00')}</p>
    <q:set name="grandTotal" operation="add" value="{t.result}"/>
  </q:loop>
  <q:log level="info">joined 3 threads</q:log>
  <q:return value="{grandTotal}"/>
</q:component>
