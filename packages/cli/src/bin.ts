#!/usr/bin/env node
import { processIO } from './io'
import { main } from './main'

// `quantum check … | head` closes the pipe early; stop quietly instead of crashing with an EPIPE stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

process.exitCode = await main(process.argv, processIO())
// The command is over: a client still retrying a server that went away (a worker that gave up on an
// unreachable Redis) must not keep the process alive. Unref'd, this only fires if something else would;
// output still on its way to a slow reader (a pager) is waited for.
const exitOnceFlushed = (): void => {
  if (process.stdout.writableLength + process.stderr.writableLength > 0)
    setTimeout(exitOnceFlushed, 1_000).unref()
  else process.exit()
}
setTimeout(exitOnceFlushed, 5_000).unref()
