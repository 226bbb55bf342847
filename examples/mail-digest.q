<!--
  mail-digest.q: one q:mail per subscriber, with a databound q:body.

  With no mail configuration, messages go to the outbox in the state folder (quantum.db):
  nothing leaves the machine and every message, with its full MIME text, can be read back.
  Set QUANTUM_MAIL_URL=smtp://user:pass@host:587 (or mail in quantum.config.json) to send
  through an SMTP server instead.

  The q:body text is dedented: the common indentation of its lines is removed.

  Parameter: week (default 2026-W10), used in the subject.
-->
<q:component name="MailDigest" xmlns:q="https://quantum.lang/ns">
  <q:param name="week" type="string" default="2026-W10"/>

  <q:set name="articles" type="array" value='[
    {"title": "Cron in six fields", "minutes": 4},
    {"title": "Retries with backoff", "minutes": 7},
    {"title": "Threads and joins", "minutes": 5}
  ]'/>
  <q:set name="subscribers" type="array" value='[
    {"name": "Ada", "email": "ada@example.com"},
    {"name": "Grace", "email": "grace@example.com"}
  ]'/>

  <!-- Build the list once: one numbered line per article, and the total reading time. -->
  <q:set name="lines" type="array" value="[]"/>
  <q:set name="readingTime" value="0" type="integer"/>
  <q:loop type="array" var="article" items="{articles}" index="i">
    <q:set name="lines" operation="append" value="{i + 1}. {article.title} ({article.minutes} min)"/>
    <q:set name="readingTime" operation="add" value="{article.minutes}"/>
  </q:loop>

  <q:set name="sent" value="0" type="integer"/>
  <q:loop type="array" var="reader" items="{subscribers}">
    <q:mail to="{reader.email}" from="digest@example.com" subject="Quantum digest {week}" type="text">
      <q:body>
        Hello {reader.name},

        This week: {len(articles)} articles, {readingTime} minutes of reading.
        {lines.join('\n')}

        See you next week!
      </q:body>
    </q:mail>
    <q:set name="sent" operation="increment"/>
    <!-- q:mail leaves its outcome in _mail_result. -->
    <q:log message="digest for {reader.email} stored as {_mail_result.id} ({_mail_result.transport})"/>
  </q:loop>

  <p>Sent {sent} digests for {week}.</p>
  <q:return value="{sent}"/>
</q:component>
