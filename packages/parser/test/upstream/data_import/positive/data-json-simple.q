<!-- Positive: Simple JSON import -->
<q:component name="JSONSimpleImport" type="pure" xmlns:q="https://quantum.lang/ns">
  <q:data name="products" source="data/products.json" type="json" />

  <q:return value="{products}" />
</q:component>
