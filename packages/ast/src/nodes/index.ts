import type { ActionNode } from './action'
import type { ArgNode } from './arg'
import type { BreakNode } from './break'
import type { ColumnNode } from './column'
import type { ComponentNode } from './component'
import type { ContinueNode } from './continue'
import type { ComputeNode, DataNode, FilterNode, LimitNode, SortNode, TransformNode } from './data'
import type { Document } from './document'
import type { DumpNode } from './dump'
import type { ElementNode } from './element'
import type { FieldNode } from './field'
import type { FunctionNode } from './function'
import type { HeaderNode } from './header'
import type { ElseIfNode, ElseNode, IfNode } from './if'
import type { InvokeNode } from './invoke'
import type { JobNode } from './job'
import type { LogNode } from './log'
import type { LoopNode } from './loop'
import type { AttachmentNode, BodyNode, MailNode } from './mail'
import type { ParamNode } from './param'
import type { QueryNode } from './query'
import type { RedirectNode } from './redirect'
import type { ReturnNode } from './return'
import type { ScheduleNode } from './schedule'
import type { SetNode } from './set'
import type { SleepNode } from './sleep'
import type { TextNode } from './text'
import type { ThreadNode } from './thread'
import type { ThrowNode } from './throw'
import type { CatchNode, FinallyNode, TryNode } from './try'

export type * from './action'
export type * from './arg'
export type { DataType, HttpMethod, NodeBase } from './base'
export type * from './break'
export type * from './column'
export type * from './component'
export type * from './continue'
export type * from './data'
export type * from './document'
export type * from './dump'
export type * from './element'
export type * from './field'
export type * from './function'
export type * from './header'
export type * from './if'
export type * from './invoke'
export type * from './job'
export type * from './log'
export type * from './loop'
export type * from './mail'
export type * from './param'
export type * from './query'
export type * from './redirect'
export type * from './return'
export type * from './schedule'
export type * from './set'
export type * from './sleep'
export type * from './text'
export type * from './thread'
export type * from './throw'
export type * from './try'

/** A node that runs in sequence inside a body: what `execute(node, ctx)` dispatches on. */
export type Statement =
  | SetNode
  | IfNode
  | LoopNode
  | BreakNode
  | ContinueNode
  | ReturnNode
  | ThrowNode
  | TryNode
  | SleepNode
  | LogNode
  | DumpNode
  | FunctionNode
  | InvokeNode
  | QueryNode
  | MailNode
  | DataNode
  | RedirectNode
  | ScheduleNode
  | ThreadNode
  | JobNode
  | ElementNode
  | TextNode
  /** Only inside a `q:job action="batch"` body: one parameter of the job the current iteration adds. */
  | ParamNode

/** Every node type of the language: statements plus the nodes that only appear inside another. */
export type Node =
  | Document
  | ComponentNode
  | Statement
  | ElseIfNode
  | ElseNode
  | CatchNode
  | FinallyNode
  | ArgNode
  | HeaderNode
  | BodyNode
  | AttachmentNode
  | TransformNode
  | FilterNode
  | SortNode
  | LimitNode
  | ComputeNode
  | ColumnNode
  | FieldNode
  | ActionNode

/** The `type` of any node. */
export type NodeType = Node['type']

/** The `type` of a statement node. */
export type StatementType = Statement['type']
