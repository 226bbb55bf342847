<!-- Positive: Basic critical level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicCritical" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="critical" message="Database connection lost" />

  <q:return value="Critical logged" />
</q:component>
