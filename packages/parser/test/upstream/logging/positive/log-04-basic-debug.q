<!-- Positive: Basic debug level logging -->
<!-- Category: Basic Patterns -->
<q:component name="LogBasicDebug" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="debug" message="Processing user authentication" />

  <q:return value="Debug logged" />
</q:component>
