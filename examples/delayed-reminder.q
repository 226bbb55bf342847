<!--
  delayed-reminder.q: a job dispatched with a delay, to send a reminder later.

  The action `book` stores an appointment and dispatches the job `reminder` with a delay: the job
  waits on the queue and no worker takes it before the delay has passed (here 2 s, a stand-in for
  "the day before"; pass --param delay=1d for that). Then it mails the reminder, unless the
  appointment was cancelled meanwhile (the action `cancel`), in which case it only logs.

    quantum run examples/delayed-reminder.q --action book --param who=ada@example.com --param slot=2026-12-01T09:30
    quantum run examples/delayed-reminder.q --action cancel --param id=1   # optional
    quantum worker start --app examples                    # sends the reminder once it is due
    quantum jobs history reminder
-->
<q:component name="DelayedReminder" xmlns:q="https://quantum.lang/ns">
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS appointments (
      id INTEGER PRIMARY KEY,
      who TEXT NOT NULL,
      slot TEXT NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0
    )
  </q:query>

  <q:job name="reminder" queue="reminders" attempts="3" backoff="exponential:1m">
    <q:param name="appointmentId" type="integer" required="true"/>
    <q:query name="appointment" datasource="db">
      SELECT who, slot, cancelled FROM appointments WHERE id = :appointmentId
    </q:query>
    <q:if condition="{appointment.recordCount == 0 || appointment.cancelled == 1}">
      <q:log level="info">appointment {appointmentId} was cancelled: no reminder</q:log>
      <q:return value="skipped"/>
    </q:if>
    <q:mail to="{appointment.who}" from="calendar@example.com" subject="Reminder: your appointment" type="text">
      <q:body>Your appointment is at {appointment.slot}.</q:body>
    </q:mail>
    <q:log level="info">reminder for appointment {appointmentId} sent to {appointment.who}</q:log>
    <q:return value="sent"/>
  </q:job>

  <q:action name="book">
    <q:param name="who" type="string" required="true"/>
    <q:param name="slot" type="string" required="true"/>
    <q:param name="delay" type="string" default="2s"/>
    <q:query name="added" datasource="db">
      INSERT INTO appointments (who, slot) VALUES (:who, :slot)
    </q:query>
    <q:job name="reminder" action="dispatch" delay="{delay}">
      <q:param name="appointmentId" value="{added.insertId}"/>
    </q:job>
    <p>Appointment #{added.insertId} booked for {slot}; a reminder goes out in {delay}.</p>
    <q:return value="{added.insertId}"/>
  </q:action>

  <q:action name="cancel">
    <q:param name="id" type="integer" required="true"/>
    <q:query name="cancelled" datasource="db">
      UPDATE appointments SET cancelled = 1 WHERE id = :id
    </q:query>
    <p>Appointment #{id} cancelled.</p>
    <q:return value="{cancelled.affectedRows}"/>
  </q:action>
</q:component>
