<!--
  data-pipeline.q: q:data with a q:transform, built-in functions and q:dump.

  The transform steps run in order: filter keeps the records whose condition holds, compute adds
  a field, sort orders by a field, limit keeps the first N. Inside a step, each record's fields
  are variables (units, price…).

  Parameter: onlyRegion (north, south, east; default all) keeps the sales of one region.
-->
<q:component name="DataPipeline" xmlns:q="https://quantum.lang/ns">
  <q:param name="onlyRegion" type="string" default="all"/>

  <q:set name="sales" type="array" value='[
    {"product": "Widget", "region": "north", "units": 12, "price": 2.5},
    {"product": "Gadget", "region": "south", "units": 3, "price": 19.99},
    {"product": "Bolt", "region": "north", "units": 8, "price": 7.25},
    {"product": "Doohickey", "region": "east", "units": 0, "price": 4},
    {"product": "Sprocket", "region": "south", "units": 20, "price": 1.1},
    {"product": "Flange", "region": "east", "units": 5, "price": 3.6}
  ]'/>

  <!-- Expressions in a step see the record's fields and the component's variables. -->
  <q:data name="best" source="{sales}">
    <q:transform>
      <q:filter condition="units > 0 and (onlyRegion == 'all' or region == onlyRegion)"/>
      <q:compute field="revenue" expression="{round(units * price, 2)}" type="decimal"/>
      <q:sort by="revenue" order="desc"/>
      <q:limit value="3"/>
    </q:transform>
  </q:data>

  <q:set name="revenues" type="array" value="[]"/>
  <q:set name="names" type="array" value="[]"/>
  <q:loop type="array" var="row" items="{best}">
    <q:set name="revenues" operation="append" value="{row.revenue}"/>
    <q:set name="names" operation="append" value="{row.product}"/>
  </q:loop>

  <p>{len(sales)} sales read, top {len(best)} kept: {names.join(', ')}</p>
  <p>Revenue {formatNumber(sum(revenues), '#,##0.00')}, best {max(revenues)}, smallest first {sorted(revenues)}</p>
  <p>Products A to Z: {sorted(names).join(', ')}</p>

  <!-- q:dump prints a labelled, indented view of a value (and keeps it as _dump_<label>). -->
  <q:dump var="{best[0]}" label="top seller"/>
  <q:return value="{round(sum(revenues), 2)}"/>
</q:component>
