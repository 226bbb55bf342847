<!-- Positive: Basic info level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicInfo" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="info" message="Application started successfully" />

  <q:return value="OK" />
</q:component>
