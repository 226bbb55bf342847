/**
 * Stable error codes. Scripts, tests and the playground match on these, never on message text.
 * Grouped by the layer that raises them.
 */
export const ErrorCodes = {
  /** The source is not well-formed XML (mismatched or unclosed tags, bad attributes, no root). */
  PARSE_XML: 'PARSE_XML',
  /** The root element is not `q:component`, `q:application` or `q:job`. */
  PARSE_INVALID_ROOT: 'PARSE_INVALID_ROOT',
  /** A `q:` tag that no syntax handler knows. */
  PARSE_UNKNOWN_TAG: 'PARSE_UNKNOWN_TAG',
  /** An attribute the tag does not support. */
  PARSE_UNKNOWN_ATTRIBUTE: 'PARSE_UNKNOWN_ATTRIBUTE',
  /** A required attribute is missing. */
  PARSE_MISSING_ATTRIBUTE: 'PARSE_MISSING_ATTRIBUTE',
  /** An attribute value outside its allowed set (actions, priorities, levels, types…). */
  PARSE_INVALID_ENUM: 'PARSE_INVALID_ENUM',
  /** A value that is not a valid number, integer or boolean, or is out of range. */
  PARSE_INVALID_VALUE: 'PARSE_INVALID_VALUE',
  /**
   * A malformed duration, or zero/negative where a positive one is required. This code and the three
   * after it are also raised at run time, for a databound value once bound (`@quantum/time` checks both).
   */
  PARSE_INVALID_DURATION: 'PARSE_INVALID_DURATION',
  /** A malformed cron expression. */
  PARSE_INVALID_CRON: 'PARSE_INVALID_CRON',
  /** A malformed ISO 8601 date-time. */
  PARSE_INVALID_DATETIME: 'PARSE_INVALID_DATETIME',
  /** A timezone that is not an IANA zone name. */
  PARSE_INVALID_TIMEZONE: 'PARSE_INVALID_TIMEZONE',
  /** A `{…}` expression with a syntax error, or nested deeper than the parser allows. */
  PARSE_EXPRESSION: 'PARSE_EXPRESSION',
  /**
   * A name that cannot be a variable (`q:set name`, `q:loop var`…): it must be identifiers joined by
   * dots, none of them `__proto__`, `constructor` or `prototype`.
   */
  PARSE_INVALID_NAME: 'PARSE_INVALID_NAME',
  /** `{expr}` inside `q:query` SQL: values must be bound with `:name` and `q:param`. */
  PARSE_SQL_INTERPOLATION: 'PARSE_SQL_INTERPOLATION',
  /** A tag where it is not allowed (a `q:else` with no `q:if` before it, a `q:catch` outside `q:try`…). */
  PARSE_MISPLACED_TAG: 'PARSE_MISPLACED_TAG',
  /** A structural rule broken: duplicate `q:else`, `q:elseif` after `q:else`, a body that must be empty. */
  PARSE_INVALID_STRUCTURE: 'PARSE_INVALID_STRUCTURE',
  /** A tag that needs a body has none (`q:thread action="run"`). */
  PARSE_MISSING_BODY: 'PARSE_MISSING_BODY',
  /** A `q:param` that needs a `value` has none (job dispatch, query). */
  PARSE_PARAM_WITHOUT_VALUE: 'PARSE_PARAM_WITHOUT_VALUE',
  /** A schedule `run` with none of `interval`, `cron`, `at`. */
  PARSE_MISSING_TRIGGER: 'PARSE_MISSING_TRIGGER',
  /**
   * A warning, not an error: a `q:schedule` whose body would do nothing on each fire (it is empty, or
   * defines several functions and none is named `execute`). `check` lists it in `warnings`.
   */
  PARSE_SCHEDULE_RUNS_NOTHING: 'PARSE_SCHEDULE_RUNS_NOTHING',
  /**
   * Stands last in a document's problems once there are too many to list: says how many more were
   * found (`details.omitted`) and points at the first of them.
   */
  PARSE_TOO_MANY_PROBLEMS: 'PARSE_TOO_MANY_PROBLEMS',
  /** A source larger than the parser's `maxSourceBytes` (5 MiB by default): refused before it is read. */
  PARSE_SOURCE_TOO_LARGE: 'PARSE_SOURCE_TOO_LARGE',
  /** Aggregate: a document with one or more problems; see `errors`. */
  DOCUMENT_INVALID: 'DOCUMENT_INVALID',

  /** Any run-time failure without a more specific code. */
  RUNTIME_ERROR: 'RUNTIME_ERROR',
  /** An error raised by `q:throw`. */
  RUNTIME_THROW: 'RUNTIME_THROW',
  /** A value of the wrong type for an operation or conversion. */
  RUNTIME_TYPE_ERROR: 'RUNTIME_TYPE_ERROR',
  /** A variable, function or action that does not exist. */
  RUNTIME_NOT_FOUND: 'RUNTIME_NOT_FOUND',
  /** Steps, wall time, output, logs, or the size or nesting of a value went over a run's limit. */
  RUNTIME_LIMIT_EXCEEDED: 'RUNTIME_LIMIT_EXCEEDED',
  /** The run was cancelled through its signal (timeout, terminate, shutdown). */
  RUNTIME_ABORTED: 'RUNTIME_ABORTED',
  /** A tag needs a service (schedules, threads, jobs…) that this host did not provide. */
  RUNTIME_SERVICE_MISSING: 'RUNTIME_SERVICE_MISSING',
  /** A datasource query failed. */
  RUNTIME_QUERY: 'RUNTIME_QUERY',
  /** Sending mail failed. */
  RUNTIME_MAIL: 'RUNTIME_MAIL',
  /** An HTTP invoke failed. */
  RUNTIME_HTTP: 'RUNTIME_HTTP',
  /** A parameter failed validation or conversion. */
  RUNTIME_PARAM: 'RUNTIME_PARAM',
  /** A variable name that cannot be set: `__proto__`, `constructor` or `prototype` in its path. */
  RUNTIME_INVALID_NAME: 'RUNTIME_INVALID_NAME',
  /** A program reached for a file it may not: outside its app folder and `files.roots`, the state folder, not a regular file, or an ATTACH the datasource does not allow. */
  RUNTIME_FILE_ACCESS: 'RUNTIME_FILE_ACCESS',
  /** A file a program may read could not be read (missing, unreadable). */
  RUNTIME_FILE: 'RUNTIME_FILE',
  /**
   * Records `q:data` cannot read: a malformed CSV row, JSON or XML text. The message and details name
   * the source and the line and column in it.
   */
  RUNTIME_DATA_FORMAT: 'RUNTIME_DATA_FORMAT',

  /** A schedule definition or action failed. */
  SCHEDULE_ERROR: 'SCHEDULE_ERROR',
  /** A schedule name that is not registered. */
  SCHEDULE_NOT_FOUND: 'SCHEDULE_NOT_FOUND',
  /** A schedule fire passed its timeout and was stopped. */
  SCHEDULE_TIMEOUT: 'SCHEDULE_TIMEOUT',

  /** A thread failed. */
  THREAD_ERROR: 'THREAD_ERROR',
  /** A thread name that is not known. */
  THREAD_NOT_FOUND: 'THREAD_NOT_FOUND',
  /** A thread with this name is still running. */
  THREAD_ALREADY_RUNNING: 'THREAD_ALREADY_RUNNING',
  /** A thread was terminated. */
  THREAD_TERMINATED: 'THREAD_TERMINATED',
  /** A thread passed its `timeout` and was stopped. */
  THREAD_TIMEOUT: 'THREAD_TIMEOUT',
  /** A `q:thread action="join"` passed its `timeout` while threads it waits for still run (they go on). */
  THREAD_JOIN_TIMEOUT: 'THREAD_JOIN_TIMEOUT',
  /** The thread pool's line of waiting bodies is full; nothing was started. */
  THREAD_QUEUE_FULL: 'THREAD_QUEUE_FULL',
  /**
   * The worker thread a body ran on ended under it: out of memory, a crash, or terminated because
   * another body on it did not stop in time. The pool replaced the worker.
   */
  THREAD_WORKER_LOST: 'THREAD_WORKER_LOST',
  /** The thread pool was closed: it takes no more bodies, and bodies still waiting or running end. */
  THREAD_POOL_CLOSED: 'THREAD_POOL_CLOSED',
  /**
   * A join could never end: every slot of the thread pool is held by a body waiting in a join for a
   * thread that cannot start (no slot will free), and the pool can lend no more slots. The innermost join fails.
   */
  THREAD_DEADLOCK: 'THREAD_DEADLOCK',

  /** A queue operation failed. */
  QUEUE_ERROR: 'QUEUE_ERROR',
  /** A dispatch for a job name with no definition. */
  QUEUE_JOB_NOT_DEFINED: 'QUEUE_JOB_NOT_DEFINED',
  /** A job attempt passed its timeout and was stopped. */
  QUEUE_TIMEOUT: 'QUEUE_TIMEOUT',
  /** The queue's connection was closed. */
  QUEUE_CONNECTION_CLOSED: 'QUEUE_CONNECTION_CLOSED',
  /**
   * A job attempt lost its lease: its worker stopped renewing it (died or froze) and the job was taken
   * back, so that attempt can no longer complete the job.
   */
  QUEUE_LEASE_LOST: 'QUEUE_LEASE_LOST',
  /** A job's handler failed with an error that was not a Quantum error. */
  QUEUE_JOB_FAILED: 'QUEUE_JOB_FAILED',
  /** No job has the ID given (`result`), or no pending job has the ID or name given (`quantum jobs cancel`). */
  QUEUE_JOB_NOT_FOUND: 'QUEUE_JOB_NOT_FOUND',
  /** The job awaited (`result`) was cancelled. */
  QUEUE_JOB_CANCELLED: 'QUEUE_JOB_CANCELLED',
  /** The job awaited (`result`) did not end within the time the caller gave. */
  QUEUE_RESULT_TIMEOUT: 'QUEUE_RESULT_TIMEOUT',

  /** Bad command-line usage. */
  CLI_USAGE: 'CLI_USAGE',
  /** A file the CLI was asked to read does not exist or cannot be read. */
  CLI_FILE: 'CLI_FILE',
  /** The configuration (`quantum.config.json` or an environment override) cannot be read or used. */
  CLI_CONFIG: 'CLI_CONFIG',
  /** The state folder (`--home`, `QUANTUM_HOME`) cannot be created. */
  CLI_HOME: 'CLI_HOME',
  /** A failure inside the CLI that no input explains: a bug, reported with its stack. */
  CLI_INTERNAL: 'CLI_INTERNAL',

  /** The playground's server refused a request whose `Host` header names another server (DNS rebinding). */
  PLAYGROUND_HOST: 'PLAYGROUND_HOST',
  /** The playground's server refused a request from a page of another origin. */
  PLAYGROUND_ORIGIN: 'PLAYGROUND_ORIGIN',
  /** An action reached the playground's server without its per-start token, or with another one. */
  PLAYGROUND_TOKEN: 'PLAYGROUND_TOKEN',
  /** An action reached a playground started with `--read-only`. */
  PLAYGROUND_READ_ONLY: 'PLAYGROUND_READ_ONLY',
  /** A request to the playground's API with a bad parameter or body (unknown status, bad paging, bad JSON). */
  PLAYGROUND_BAD_REQUEST: 'PLAYGROUND_BAD_REQUEST',
  /** No route of the playground's API has that method and path. */
  PLAYGROUND_NOT_FOUND: 'PLAYGROUND_NOT_FOUND',

  /**
   * A store operation failed: an argument the store cannot keep (a bad name, timestamp, TTL or limit),
   * a value that is not JSON-safe, data it cannot read back, or a database written by a newer version.
   */
  STORE_ERROR: 'STORE_ERROR',
  /**
   * The store cannot be reached: its client package (`better-sqlite3`, `redis`) is not installed, the
   * file cannot be opened, Redis does not answer, the database stayed locked, or the store was closed.
   */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /**
   * The state database file is damaged or is no longer a database (truncated, overwritten): the message
   * names the file. A worker that finds it stops, so that a supervisor can restart it once the file is
   * restored (from a backup) or removed (to start afresh).
   */
  STORE_CORRUPT: 'STORE_CORRUPT',
  /**
   * A store write failed because the disk (or the database's size limit) is full; nothing of that write
   * was kept. Free space; a worker retries the writes that record a finished job.
   */
  STORE_FULL: 'STORE_FULL',
} as const

/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]
