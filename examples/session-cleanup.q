<!--
  session-cleanup.q: an hourly schedule that deletes expired sessions.

  Running the file sets up its table web_sessions (two expired sessions, one still valid) and
  registers the schedule `expire-sessions` in the store, to fire every hour from now. The body
  does not run at registration: a worker does, on each fire.

    quantum run examples/session-cleanup.q                 # set up and register
    quantum jobs list                                      # expire-sessions, active, next run in 1 h
    quantum jobs run expire-sessions --sync                # fire it now, here
    quantum worker start --app examples                    # or let a worker fire it every hour

  Each fire deletes the sessions whose expires_at is in the past, logs how many it removed and
  returns that count; the fire is recorded in `quantum jobs history expire-sessions`.
-->
<q:component name="SessionCleanup" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS web_sessions (
      id TEXT PRIMARY KEY,
      user_name TEXT NOT NULL,
      expires_at TEXT NOT NULL
    )
  </q:query>
  <!-- Two sessions that expired long ago and one that is valid for centuries. -->
  <q:query datasource="db">
    INSERT OR REPLACE INTO web_sessions (id, user_name, expires_at) VALUES
      ('s-ada', 'Ada', '2020-01-01 00:00:00'),
      ('s-grace', 'Grace', '2021-06-30 12:00:00'),
      ('s-linus', 'Linus', '2999-12-31 23:59:59')
  </q:query>

  <q:schedule name="expire-sessions" interval="1h">
    <q:query name="expired" datasource="db">
      DELETE FROM web_sessions WHERE expires_at < datetime('now')
    </q:query>
    <q:log level="info">Sessions cleaned up: {expired.affectedRows} expired removed</q:log>
    <q:return value="{expired.affectedRows}"/>
  </q:schedule>

  <q:query name="sessions" datasource="db">SELECT COUNT(*) AS n FROM web_sessions</q:query>
  <p>{sessions.n} sessions stored; expire-sessions runs every hour.</p>
</q:component>
