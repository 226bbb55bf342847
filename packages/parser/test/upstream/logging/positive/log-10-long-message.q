<!-- Positive: Logging with very long message -->
<!-- Category: Basic Patterns -->
<q:component name="LogLongMessage" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="info" message="Processing large dataset with 10,000 records from multiple sources including API endpoints, CSV imports, and database queries with complex joins and aggregations" />

  <q:return value="Long message logged" />
</q:component>
