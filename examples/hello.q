<!--
  hello.q: the smallest complete Quantum program.

  Shows component parameters with defaults, a q:function called from an expression, a loop,
  and HTML output with {…} interpolation (interpolated values are HTML-escaped).

  Run it with `quantum run examples/hello.q`, and try the parameters name, lang (en, pt, es) and
  topics (a comma-separated list); examples/README.md has the command lines.
-->
<q:component name="Hello" xmlns:q="https://quantum.lang/ns">
  <!-- Parameters come from the command line as strings and are converted to the declared type. -->
  <q:param name="name" type="string" default="World"/>
  <q:param name="lang" type="string" default="en"/>
  <q:param name="topics" type="string" default="Databinding,Functions,Loops"/>

  <!-- A function with its own typed parameters; called below as {greeting(name, lang)}. -->
  <q:function name="greeting" returnType="string">
    <q:param name="who" type="string" required="true"/>
    <q:param name="language" type="string" default="en"/>
    <q:if condition="language == 'pt'">
      <q:return value="Olá, {who}!"/>
      <q:elseif condition="language == 'es'">
        <q:return value="¡Hola, {who}!"/>
      </q:elseif>
    </q:if>
    <q:return value="Hello, {who}!"/>
  </q:function>

  <q:set name="message" value="{greeting(name, lang)}"/>

  <!-- Plain HTML is output; each top-level element ends a line. -->
  <h1 class="greeting lang-{lang}">{message}</h1>
  <p>{upper(name)} has {len(name)} letters.</p>
  <ul>
    <q:loop type="list" var="topic" items="{topics}" index="i">
      <li>{i + 1}. {topic}</li>
    </q:loop>
  </ul>

  <!-- The component's value: `quantum run` prints it as the last line, `Result: …`. -->
  <q:return value="{message}"/>
</q:component>
