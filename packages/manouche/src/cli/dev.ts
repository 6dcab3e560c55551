// `manouche dev`: build with `tsc -b` on every source change and restart the server after each
// build that succeeds, on the same port; a build that fails prints the compiler's errors and
// leaves the last good server running.
//
// Why not `tsc -b --watch`: TypeScript 7's watch mode, on this project's Linux machines, printed
// its first build and then saw no change at all, so the command watches the files itself.
import { type ChildProcess, spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { createRequire } from 'node:module'
import nodePath from 'node:path'
import { CliError, type Project } from './entry.js'
import type { ServeOptions } from './serve.js'

/** The files a change to which means a new build: TypeScript sources and JSON (tsconfig, package.json). */
const SOURCE = /\.(?:[cm]?ts|tsx|json)$/
/** Where changes are never sources: dependencies, version control, and what builds write. */
const IGNORED = /(?:^|[\\/])(?:node_modules|\.git|dist)(?:[\\/]|$)|\.d\.ts$|\.tsbuildinfo$/
/** How long changes are gathered before a build starts (an editor saving several files). */
const SETTLE_MS = 100

/** Output streams, so that tests can read what `dev` says. */
export interface DevOutput {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

/**
 * Run the development loop in `project` until SIGINT or SIGTERM: the server is this package's
 * `manouche serve --debug`, in a child process started again after each good build.
 */
export async function dev(project: Project, how: Omit<ServeOptions, 'debug'>, out: DevOutput): Promise<number> {
  const tsc = findTsc(project.root)
  const bin = nodePath.resolve(import.meta.dirname, 'bin.js')
  const say = (line: string) => out.stdout.write(`manouche dev: ${line}\n`)
  let server: ChildProcess | undefined
  let building = false
  let again = false
  let timer: NodeJS.Timeout | undefined

  const startServer = () => {
    const args = [bin, 'serve', '--port', String(how.port), '--host', how.host, '--debug']
    server = spawn(process.execPath, args, { cwd: project.root, stdio: ['ignore', 'pipe', 'pipe'] })
    server.stdout?.pipe(out.stdout, { end: false })
    server.stderr?.pipe(out.stderr, { end: false })
  }
  const stopServer = async () => {
    const old = server
    server = undefined
    if (!old || old.exitCode !== null || old.signalCode !== null) return
    await new Promise((resolve) => {
      old.once('exit', resolve)
      old.kill('SIGTERM')
    })
  }

  const build = async () => {
    if (building) {
      again = true
      return
    }
    building = true
    say('building with tsc -b')
    const result = await run(process.execPath, [tsc, '-b'], project.root)
    if (result.code === 0) {
      say(server ? 'build succeeded, restarting the server' : 'build succeeded, starting the server')
      await stopServer()
      startServer()
    } else {
      out.stderr.write(result.output)
      say(
        server
          ? `the build failed (tsc exited with ${result.code}); the last good server keeps running`
          : `the build failed (tsc exited with ${result.code}); waiting for a change`,
      )
    }
    building = false
    if (again) {
      again = false
      await build()
    }
  }

  const watcher = watch(project.root, { recursive: true }, (_event, file) => {
    if (!file || !SOURCE.test(file) || IGNORED.test(file)) return
    clearTimeout(timer)
    timer = setTimeout(() => void build(), SETTLE_MS)
  })
  await build()
  return new Promise((resolve) => {
    const quit = async () => {
      watcher.close()
      clearTimeout(timer)
      await stopServer()
      resolve(0)
    }
    process.once('SIGINT', quit)
    process.once('SIGTERM', quit)
  })
}

/** The project's own TypeScript compiler. */
function findTsc(root: string): string {
  try {
    const packageJson = createRequire(nodePath.join(root, 'package.json')).resolve('typescript/package.json')
    return nodePath.join(nodePath.dirname(packageJson), 'bin', 'tsc')
  } catch {
    throw new CliError("manouche dev builds with the project's TypeScript: run npm install --save-dev typescript.")
  }
}

/** Run `command` to its end, its stdout and stderr together. */
function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}
