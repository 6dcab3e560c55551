#!/usr/bin/env node
// The `manouche` executable: see main.ts, and docs/cli.md.
import { run } from './main.js'

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
})
