<!--
  error-handling.q: q:try, q:catch, q:finally and q:throw.

  A q:catch with a type catches errors of that type (the type given to q:throw, or the error
  code, such as RUNTIME_PARAM); a q:catch without a type catches anything. Inside it, the
  variable named by var (default error) holds message, type, code, detail and line.
  An error nobody catches ends the run: the CLI prints it with its position and exits 1.

  Parameters: quantity (default 0, invalid) and email (default not-an-email, invalid).
-->
<q:component name="ErrorHandling" xmlns:q="https://quantum.lang/ns">
  <q:param name="quantity" type="integer" default="0"/>
  <q:param name="email" type="string" default="not-an-email"/>

  <!-- A function that refuses bad input by throwing a typed error. -->
  <q:function name="checkQuantity">
    <q:param name="n" type="integer" required="true"/>
    <q:if condition="n lte 0">
      <q:throw type="Validation" message="quantity must be positive, got {n}" detail="field=quantity"/>
    </q:if>
    <q:return value="{n}"/>
  </q:function>

  <q:set name="problems" type="array" value="[]"/>
  <q:set name="steps" type="array" value="[]"/>

  <!-- 1. A thrown error caught by its type; finally runs either way. -->
  <q:try>
    <q:set name="steps" operation="append" value="checking quantity"/>
    <q:set name="checked" value="{checkQuantity(quantity)}"/>
    <q:set name="steps" operation="append" value="quantity {checked} accepted"/>
    <q:catch type="Validation" var="error">
      <q:set name="steps" operation="append" value="caught {error.type} from line {error.line}"/>
      <q:set name="problems" operation="append" value="{error.message} ({error.detail})"/>
    </q:catch>
    <q:finally>
      <q:set name="steps" operation="append" value="finally"/>
    </q:finally>
  </q:try>

  <!-- 2. A validation failure from q:set (pattern), caught by its code. -->
  <q:try>
    <q:set name="contact" value="{email}" pattern="^[^@ ]+@[^@ ]+$" required="true"/>
    <q:set name="steps" operation="append" value="email accepted"/>
    <q:catch type="RUNTIME_PARAM" var="invalid">
      <q:log level="warning" message="{invalid.message}"/>
      <q:set name="problems" operation="append" value="{invalid.code}: {email} is not an email address"/>
    </q:catch>
  </q:try>

  <!-- 3. An error passes a q:catch of another type and is caught further out. -->
  <q:try>
    <q:try>
      <q:throw type="Payment" message="card declined"/>
      <q:catch type="Validation">
        <q:set name="steps" operation="append" value="never reached"/>
      </q:catch>
    </q:try>
    <q:catch>
      <q:set name="steps" operation="append" value="outer catch: {error.type}: {error.message}"/>
    </q:catch>
  </q:try>

  <!-- Text outside HTML elements is written one trimmed line at a time. -->
  <q:loop type="array" var="step" items="{steps}">
    Step: {step}
  </q:loop>
  <q:loop type="array" var="problem" items="{problems}">
    Problem: {problem}
  </q:loop>
  <q:return value="{len(problems)}"/>
</q:component>
