<!-- Positive: Dump undefined variable -->
<!-- Category: Edge Cases -->
<q:component name="DumpEdgeUndefinedVar" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:dump var="{undefinedVariable}" label="Undefined Var" />

  <q:return value="Dumped" />
</q:component>
