import type {
  ArgNode,
  BreakNode,
  CatchNode,
  ContinueNode,
  DumpNode,
  ElseIfNode,
  ElseNode,
  FinallyNode,
  FunctionNode,
  IfNode,
  LogNode,
  LoopNode,
  ParamNode,
  ReturnNode,
  SetNode,
  SleepNode,
  ThrowNode,
  TryNode,
} from './core'
import type { ComputeNode, DataNode, FilterNode, LimitNode, SortNode, TransformNode } from './data'
import type { ComponentNode, Document, ElementNode, TextNode } from './document'
import type { AttachmentNode, BodyNode, HeaderNode, InvokeNode, MailNode, QueryNode } from './io'
import type { JobNode, ScheduleNode, ThreadNode } from './jobs'
import type { ActionNode, RedirectNode } from './web'

export type { NodeBase } from './base'
export type * from './core'
export type * from './data'
export type * from './document'
export type * from './io'
export type * from './jobs'
export type * from './web'

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
  | ActionNode

/** The `type` of any node. */
export type NodeType = Node['type']

/** The `type` of a statement node. */
export type StatementType = Statement['type']
