<!--
  pause-resume.q: pausing and resuming a schedule, from a .q file and from the command line.

  The component registers `stock-sync`, a schedule that every 15 minutes records a stock check
  in the stock_checks table. Its two actions pause and resume it with q:schedule action="pause"
  and action="resume" (the component body runs first, so the schedule is registered, then the
  action acts on it). A pause reaches every worker within a second and survives restarts; a
  resumed schedule fires from the next instant after now, without replaying the paused period.

    quantum run examples/pause-resume.q                    # register stock-sync (active)
    quantum run examples/pause-resume.q --action pause     # paused: no next run
    quantum run examples/pause-resume.q --action resume    # active again
    quantum jobs pause stock-sync                          # the same from the command line
    quantum jobs resume stock-sync
    quantum jobs run stock-sync --sync                     # one fire now: one more stock check

  Registering again (a plain run while it is paused) keeps the schedule paused.
-->
<q:component name="PauseResume" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS stock_checks (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, checked_at TEXT NOT NULL)
  </q:query>

  <q:schedule name="stock-sync" interval="15m">
    <q:query datasource="db">
      INSERT INTO stock_checks (sku, checked_at) VALUES ('T-1', datetime('now'))
    </q:query>
    <q:query name="checks" datasource="db">SELECT COUNT(*) AS n FROM stock_checks</q:query>
    <q:log level="info">stock checked, {checks.n} checks so far</q:log>
    <q:return value="{checks.n}"/>
  </q:schedule>

  <q:action name="pause">
    <q:schedule name="stock-sync" action="pause"/>
    <p>stock-sync paused: {_schedule_pause.success}</p>
    <q:return value="{_schedule_pause.success}"/>
  </q:action>

  <q:action name="resume">
    <q:schedule name="stock-sync" action="resume"/>
    <p>stock-sync resumed: {_schedule_resume.success}</p>
    <q:return value="{_schedule_resume.success}"/>
  </q:action>
</q:component>
