<!-- Positive: Dump basic integer variable -->
<!-- Category: Basic Patterns -->
<q:component name="DumpBasicInteger" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:set var="count" value="42" />
  <q:dump var="{count}" />

  <q:return value="Dumped" />
</q:component>
