<!--
  newsletter.q: a newsletter sent in the background, one queued job per subscriber.

  The page defines the job `newsletter` on the queue `mail` and dispatches one job per
  subscriber, then answers at once: the mails are sent by whichever worker takes the jobs, not
  by the page. A job that fails (the mail server refusing, say) is retried up to 3 times, 10 s,
  then 20 s apart; every attempt is recorded.

    quantum run examples/newsletter.q                      # queue 3 jobs and answer at once
    quantum worker start --app examples                    # a worker sends them (to the outbox)
    quantum jobs history newsletter                        # one row per attempt

  Each job mails one subscriber (to the outbox, or by SMTP with QUANTUM_MAIL_URL) and records the
  send in the newsletter_sends table.
-->
<q:component name="Newsletter" xmlns:q="https://quantum.lang/ns">
  <q:param name="issue" type="string" default="2026-11"/>

  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS newsletter_sends (id INTEGER PRIMARY KEY, email TEXT NOT NULL, issue TEXT NOT NULL)
  </q:query>

  <q:set name="subscribers" type="array" value='[
    {"name": "Ada", "email": "ada@example.com"},
    {"name": "Grace", "email": "grace@example.com"},
    {"name": "Linus", "email": "linus@example.com"}
  ]'/>

  <q:job name="newsletter" queue="mail" attempts="3" backoff="exponential:10s" timeout="1m">
    <q:param name="email" type="string" required="true"/>
    <q:param name="name" type="string" default="reader"/>
    <q:param name="issue" type="string" required="true"/>
    <q:mail to="{email}" from="news@example.com" subject="Quantum newsletter {issue}" type="text">
      <q:body>
        Hello {name},

        This month: cron in your time zone, retries with backoff, and threads that join.
      </q:body>
    </q:mail>
    <q:query datasource="db">
      INSERT INTO newsletter_sends (email, issue) VALUES (:email, :issue)
    </q:query>
    <q:log level="info">newsletter {issue} sent to {email}</q:log>
  </q:job>

  <q:set name="queued" type="array" value="[]"/>
  <q:loop type="array" var="subscriber" items="{subscribers}">
    <q:job name="newsletter" action="dispatch">
      <q:param name="email" value="{subscriber.email}"/>
      <q:param name="name" value="{subscriber.name}"/>
      <q:param name="issue" value="{issue}"/>
    </q:job>
    <q:set name="queued" operation="append" value="{dispatched_job_newsletter.job_id}"/>
  </q:loop>

  <p>Newsletter {issue} is being sent in the background to {len(subscribers)} subscribers.</p>
  <q:return value="{len(queued)}"/>
</q:component>
