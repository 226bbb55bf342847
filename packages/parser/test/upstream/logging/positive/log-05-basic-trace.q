<!-- Positive: Basic trace level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicTrace" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="trace" message="Entering function process_payment" />

  <q:return value="Trace logged" />
</q:component>
