<!-- Positive: Basic error level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicError" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="error" message="Failed to process request" />

  <q:return value="Error logged" />
</q:component>
