<!--
  order-retries.q: order processing as a queued job, retried with backoff when the payment fails.

  The action `submitOrder` stores an order and dispatches the job `charge-order` for it, then
  answers at once. The job charges the payment and marks the order paid. The payment gateway
  here is a table standing in for a flaky service: it declines the first attempts it sees
  (failuresBeforeSuccess, 2 by default) and accepts the next. Each failure is a q:throw, so the
  attempt fails and the job is retried after its backoff (1 s, then 2 s: exponential), up to 4
  attempts in all. Only the attempt that succeeds marks the order paid and mails the customer.

    quantum run examples/order-retries.q --action submitOrder --param customer=ada@example.com --param total=99.5
    quantum worker start --app examples                    # a worker processes it, retrying
    quantum jobs history charge-order                      # error, error, success
-->
<q:component name="OrderRetries" xmlns:q="https://quantum.lang/ns">
  <q:param name="failuresBeforeSuccess" type="integer" default="2"/>

  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS retry_orders (
      id INTEGER PRIMARY KEY,
      customer TEXT NOT NULL,
      total REAL NOT NULL,
      status TEXT NOT NULL DEFAULT 'new'
    )
  </q:query>
  <q:query datasource="db">
    CREATE TABLE IF NOT EXISTS payment_attempts (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, outcome TEXT NOT NULL)
  </q:query>

  <q:job name="charge-order" queue="orders" attempts="4" backoff="exponential:1s" timeout="30s">
    <q:param name="orderId" type="integer" required="true"/>
    <q:param name="failures" type="integer" default="0"/>

    <q:query name="order" datasource="db">
      SELECT id, customer, total, status FROM retry_orders WHERE id = :orderId
    </q:query>
    <q:if condition="{order.recordCount == 0}">
      <q:throw type="OrderNotFound" message="order {orderId} does not exist"/>
    </q:if>

    <!-- The stand-in gateway: decline while fewer than `failures` attempts were declined. -->
    <q:query name="declined" datasource="db">
      SELECT COUNT(*) AS n FROM payment_attempts WHERE order_id = :orderId AND outcome = 'declined'
    </q:query>
    <q:if condition="{declined.n < failures}">
      <q:query datasource="db">
        INSERT INTO payment_attempts (order_id, outcome) VALUES (:orderId, 'declined')
      </q:query>
      <q:throw type="PaymentDeclined" message="payment for order {orderId} declined (attempt {declined.n + 1})"/>
    </q:if>

    <q:query datasource="db">
      INSERT INTO payment_attempts (order_id, outcome) VALUES (:orderId, 'charged')
    </q:query>
    <q:query datasource="db">
      UPDATE retry_orders SET status = 'paid' WHERE id = :orderId
    </q:query>
    <q:mail to="{order.customer}" from="shop@example.com" subject="Payment confirmed" type="text">
      <q:body>Your payment of ${formatNumber(order.total, '#,##0.00')} for order #{orderId} has been processed.</q:body>
    </q:mail>
    <q:log level="info">order {orderId} paid</q:log>
    <q:return value="{orderId}"/>
  </q:job>

  <q:action name="submitOrder">
    <q:param name="customer" type="string" required="true"/>
    <q:param name="total" type="decimal" required="true"/>
    <q:query name="newOrder" datasource="db">
      INSERT INTO retry_orders (customer, total) VALUES (:customer, :total)
    </q:query>
    <q:job name="charge-order" action="dispatch">
      <q:param name="orderId" value="{newOrder.insertId}"/>
      <q:param name="failures" value="{failuresBeforeSuccess}"/>
    </q:job>
    <p>Order {newOrder.insertId} received; the payment is being processed.</p>
    <q:return value="{newOrder.insertId}"/>
  </q:action>
</q:component>
