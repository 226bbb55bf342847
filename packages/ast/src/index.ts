/**
 * @packageDocumentation
 * The data model of the Quantum language.
 *
 * Terminology:
 * - **document**: one parsed `.q` file; its root is a **component**.
 * - **tag**: an element in source (`<q:set>`); a **node** is the plain-JSON object a tag becomes.
 * - **statement**: a node that runs in sequence inside a **body** (the children of a tag).
 * - **expression**: the closed grammar inside `{…}`; a **template** is text with interpolations.
 * - **handler**: the code for one tag, a *syntax handler* in the parser, an *execution handler* in the runtime.
 * - **context**: the scope chain a body runs in; a **run** is one execution of a document or body.
 * - **schedule**: a named trigger (`interval`, `cron`, `at`) that fires a body; each fire is a run.
 * - **thread**: a body running concurrently with its starter, joined or terminated by name.
 * - **job**: a named, parameterised body; a **dispatch** puts one job on a **queue**, where a
 *   **worker** claims it and runs one **attempt**; failed attempts are retried with backoff.
 */

export type { ErrorCode } from './codes'
export { ErrorCodes } from './codes'
export type { QuantumErrorName, QuantumErrorOptions, SerializedError } from './errors'
export {
  CliError,
  ParseError,
  QuantumError,
  QueueError,
  RuntimeError,
  ScheduleError,
  ThreadError,
  ValidationError,
} from './errors'
export type {
  ArrayExpression,
  BinaryExpression,
  BinaryOperator,
  Bindable,
  CallExpression,
  ConditionalExpression,
  Dynamic,
  Expression,
  IdentifierExpression,
  IndexExpression,
  Interpolation,
  LiteralExpression,
  LogicalExpression,
  MemberExpression,
  ObjectExpression,
  ObjectProperty,
  Template,
  TemplatePart,
  UnaryExpression,
  UnaryOperator,
} from './expression'
export type {
  ActionNode,
  ArgNode,
  AttachmentNode,
  Backoff,
  BodyNode,
  BodyTemplate,
  BreakNode,
  CatchNode,
  ColumnNode,
  ComponentNode,
  ComputeNode,
  ContinueNode,
  CsvOptions,
  DataFormat,
  DataNode,
  DataType,
  Document,
  DumpNode,
  ElementAttribute,
  ElementNode,
  ElseIfNode,
  ElseNode,
  FieldNode,
  FilterNode,
  FinallyNode,
  FunctionNode,
  HeaderNode,
  HttpMethod,
  IfNode,
  InvokeAuth,
  InvokeComponent,
  InvokeNode,
  JobAction,
  JobNode,
  LimitNode,
  LogLevel,
  LogNode,
  LoopNode,
  LoopType,
  MailCharset,
  MailNode,
  MisfirePolicy,
  Node,
  NodeBase,
  NodeType,
  ParamNode,
  QueryNode,
  RedirectNode,
  ReturnNode,
  ScheduleAction,
  ScheduleNode,
  ScopeName,
  SetNode,
  SetOperation,
  SetValidation,
  SleepNode,
  SortNode,
  Statement,
  StatementType,
  TextNode,
  ThreadAction,
  ThreadNode,
  ThreadPriority,
  ThrowNode,
  TransformNode,
  TransformStep,
  TryNode,
} from './nodes/index'
export type { Point, Position } from './position'
export { formatPoint } from './position'
export type { ScheduleEntry } from './scheduleEntry'
export { SCHEDULE_ENTRY_FUNCTION, scheduleEntry } from './scheduleEntry'
export { BOOLEAN_WORDS, parseBooleanWord } from './values/booleanWords'
