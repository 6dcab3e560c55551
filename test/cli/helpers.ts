import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import nodePath from 'node:path'

/** The workspace root, and the `manouche` executable as built there. */
export const ROOT = nodePath.resolve(import.meta.dirname, '../../..')
export const BIN = nodePath.join(ROOT, 'packages/manouche/dist/cli/bin.js')
/** The compiled fixtures of test/fixtures/cli. */
export const FIXTURES = nodePath.join(ROOT, 'test/dist/fixtures/cli')

/** What a finished command printed and its exit code. */
export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The environment of a server a test starts: the test process's own, with the log at its default
 * level again (test/setup.ts silences the applications bootstrapped in the test process).
 */
export const SERVING_ENV: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' }

/** Run `manouche ...args` in `cwd` as a user would, to its end. */
export function manouche(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return finished(spawn(process.execPath, [BIN, ...args], { cwd, env: { ...SERVING_ENV, ...env } }))
}

/** Wait for `child` to exit, gathering what it prints. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A new empty folder under the system's temp folder; `remove()` deletes it. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(nodePath.join(os.tmpdir(), `manouche-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** A folder whose package.json names `entry` (absolute) as the application's entry file. */
export function projectWithEntry(entry: string | undefined): { path: string; remove(): void } {
  const dir = tempDir('entry')
  const packageJson = entry === undefined ? { name: 'x' } : { name: 'x', manouche: { app: entry } }
  writeFileSync(nodePath.join(dir.path, 'package.json'), JSON.stringify(packageJson))
  return dir
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number }
      server.close(() => resolve(address.port))
    })
  })
}

/** Poll `check` every 50 ms until it holds, failing with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
