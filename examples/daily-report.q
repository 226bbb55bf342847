<!--
  daily-report.q: a cron schedule in a time zone that mails yesterday's sales report.

  Running the file sets up its table daily_orders (four orders not reported yet) and registers the
  schedule `sales-report` on the cron `0 8 * * *` in America/Sao_Paulo: every day at 08:00 in
  São Paulo, which is 11:00 UTC (the zone has kept UTC-3 all year since 2019). `quantum cron next
  "0 8 * * *" --tz America/Sao_Paulo` prints the same instants the scheduler fires at.

    quantum run examples/daily-report.q                    # set up and register
    quantum jobs status sales-report                       # cron, zone and next run
    quantum jobs run sales-report --sync                   # fire it now, here
    quantum worker start --app examples                    # or let a worker fire it at 08:00

  Each fire counts and sums the orders not reported yet, mails the report to the outbox (or by
  SMTP with QUANTUM_MAIL_URL), marks those orders reported, so the next fire reports only newer
  ones, and returns the number of orders.
-->
<q:component name="DailyReport" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS daily_orders (
      id INTEGER PRIMARY KEY,
      customer TEXT NOT NULL,
      total REAL NOT NULL,
      reported INTEGER NOT NULL DEFAULT 0
    )
  </q:query>
  <q:query datasource="db">
    INSERT OR REPLACE INTO daily_orders (id, customer, total) VALUES
      (1, 'Ada', 1250.50), (2, 'Grace', 89.99), (3, 'Linus', 420.00), (4, 'Barbara', 15.25)
  </q:query>

  <q:schedule name="sales-report" cron="0 8 * * *" timezone="America/Sao_Paulo" retry="2" timeout="5m">
    <q:query name="stats" datasource="db">
      SELECT COUNT(*) AS orders, COALESCE(SUM(total), 0) AS revenue, COALESCE(MAX(total), 0) AS biggest
      FROM daily_orders WHERE reported = 0
    </q:query>
    <q:mail to="admin@example.com" from="reports@example.com" subject="Daily Report" type="text">
      <q:body>
        Orders: {stats.orders}
        Revenue: ${formatNumber(stats.revenue, '#,##0.00')}
        Biggest order: ${formatNumber(stats.biggest, '#,##0.00')}
      </q:body>
    </q:mail>
    <q:query datasource="db">UPDATE daily_orders SET reported = 1 WHERE reported = 0</q:query>
    <q:log level="info">daily report mailed: {stats.orders} orders</q:log>
    <q:return value="{stats.orders}"/>
  </q:schedule>

  <q:query name="pending" datasource="db">SELECT COUNT(*) AS n FROM daily_orders WHERE reported = 0</q:query>
  <p>{pending.n} orders to report; sales-report mails them at 08:00 São Paulo time.</p>
</q:component>
