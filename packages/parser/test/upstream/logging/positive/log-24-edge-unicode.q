<!-- Positive: Logging with Unicode characters -->
<!-- Category: Edge Cases -->
<q:component name="LogEdgeUnicode" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:log level="info" message="Unicode test: 你好世界 🚀 café" />

  <q:return value="Unicode logged" />
</q:component>
