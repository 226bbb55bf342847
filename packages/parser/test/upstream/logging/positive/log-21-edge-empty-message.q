<!-- Positive: Logging with empty message (edge case) -->
<!-- Category: Edge Cases -->
<q:component name="LogEdgeEmptyMessage" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="info" message="" />

  <q:return value="Empty message logged" />
</q:component>
