<!--
  http-invoke.q: HTTP calls with q:invoke url=, reading JSON responses.

  It talks to a small shop API whose address is the baseUrl parameter (required), e.g.
  http://127.0.0.1:8080; examples/README.md has a ten-line server to run it against.
  The API:
    GET  {baseUrl}/products?category=C   200 {"category": C, "items": [{"sku", "name", "price"}]}
    POST {baseUrl}/orders {"sku", "quantity"}   201 {"id", "status", "sku", "quantity"}
    anything else                        404

  A JSON response body is parsed: {catalog.items} is a list. Every response, 2xx or not, is
  stored; {name_result} says how it went (success, status, error, headers, executionTime).
  Only a network failure or a timeout is an error (RUNTIME_HTTP).
-->
<q:component name="HttpInvoke" xmlns:q="https://quantum.lang/ns">
  <q:param name="baseUrl" type="string" required="true"/>
  <q:param name="category" type="string" default="tools"/>

  <!-- GET: q:param values become the query string. -->
  <q:invoke name="catalog" url="{baseUrl}/products" method="GET" timeout="5s">
    <q:param name="category" value="{category}"/>
    <q:header name="Accept" value="application/json"/>
  </q:invoke>
  <q:if condition="not catalog_result.success">
    <q:throw type="Http" message="catalog request failed with HTTP {catalog_result.status}"/>
  </q:if>

  <h2>{len(catalog.items)} products in {catalog.category}</h2>
  <q:loop type="array" var="product" items="{catalog.items}">
    <p>{product.sku}: {product.name} at {formatNumber(product.price, '$0.00')}</p>
  </q:loop>

  <!-- POST: the q:body text is sent as is, with content-type application/json. -->
  <q:set name="cheapest" value="{catalog.items[0]}"/>
  <q:invoke name="order" url="{baseUrl}/orders" method="POST" timeout="5s">
    <q:header name="X-Request-Id" value="example-{cheapest.sku}"/>
    <q:body>{"sku": "{cheapest.sku}", "quantity": 2}</q:body>
  </q:invoke>
  <p>Order {order.id} for 2 x {order.sku} is {order.status} (HTTP {order_result.status})</p>

  <!-- A 404 is an answer, not an error: check the status yourself. -->
  <q:invoke name="gone" url="{baseUrl}/discontinued" method="GET" timeout="5s"/>
  <p>Discontinued products: HTTP {gone_result.status}, success {gone_result.success}</p>

  <q:return value="{order.id}"/>
</q:component>
