<!-- Positive: Basic warning level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicWarning" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="warning" message="Database connection slow" />

  <q:return value="Warning logged" />
</q:component>
