<!--
  thread-timeout.q: a thread stopped by its timeout, and one stopped on purpose.

  `slow-import` stands for a call to a partner that hangs: its body would sleep for a minute,
  but its timeout is 500 ms, so the pool stops it 500 ms after it starts. Its status becomes
  TERMINATED with the error THREAD_TIMEOUT, and its on-error function is called with the
  message. What the body did after the timeout never happens: no 'finished' row.

  `poller` would loop for a minute; once the import has been dealt with, the page stops it with
  q:thread action="terminate" (status TERMINATED, error THREAD_TERMINATED, no callback).

    quantum run examples/thread-timeout.q
    quantum run examples/thread-timeout.q --format json    # the threads' final states
-->
<q:component name="ThreadTimeout" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS import_log (id INTEGER PRIMARY KEY, step TEXT NOT NULL)
  </q:query>
  <q:query datasource="db">DELETE FROM import_log</q:query>

  <q:function name="importFailed">
    <q:param name="error" type="string"/>
    <q:log level="warning">import stopped: {error}</q:log>
  </q:function>

  <q:thread name="slow-import" timeout="500ms" on-error="importFailed">
    <q:query datasource="db">INSERT INTO import_log (step) VALUES ('started')</q:query>
    <q:sleep duration="60s"/>
    <q:query datasource="db">INSERT INTO import_log (step) VALUES ('finished')</q:query>
  </q:thread>

  <q:thread name="poller">
    <q:loop type="range" from="1" to="600" var="i">
      <q:sleep duration="100ms"/>
    </q:loop>
  </q:thread>

  <q:thread name="slow-import" action="join" timeout="20s"/>
  <p>slow-import: {thread.slow-import.status}, {thread.slow-import.error.code}</p>

  <q:thread name="poller" action="terminate"/>
  <p>poller: {thread.poller.status}, {thread.poller.error.code}, terminated now: {_thread_terminate.success}</p>

  <q:query name="finished" datasource="db">SELECT COUNT(*) AS n FROM import_log WHERE step = 'finished'</q:query>
  <p>imports finished: {finished.n}</p>
  <q:return value="{[thread.slow-import.status, thread.poller.status]}"/>
</q:component>
