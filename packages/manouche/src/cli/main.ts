// The `manouche` command: parses the arguments (node's util.parseArgs) and runs one command.
// The commands that load an application import the framework when they run, so that a usage
// mistake is answered without loading it.
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CliError, loadOptions, readProject } from './entry.js'
import { createProject, PROJECT_TEMPLATES, type ProjectTemplate } from './new.js'

/** Where the command runs and writes: the process's own, or a test's. */
export interface CliContext {
  cwd: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
}

export const USAGE = `Usage: manouche <command> [options]

Commands:
  new <dir> [--template minimal|books]   write a new project into <dir> (new or empty)
  routes [--json]                        list every URL pattern, in the order they are tried
  check                                  report every configuration error; exit 1 when there is one
  dev [--port <n>] [--host <h>]          rebuild with tsc -b on every change and restart the server
  serve [--port <n>] [--host <h>] [--debug] [--workers <n>]
                                         serve the application (production), on n processes

Options:
  -h, --help                             show this help

routes, check, dev and serve load the entry file that package.json names under
"manouche": { "app": "dist/app.js" }; its default export gives the options of bootstrap().
The port defaults to $PORT or 8000, the host to $HOST or 127.0.0.1.`

/** A usage mistake: reported with the usage text, exit code 2. */
class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2)
  }
}

const LISTEN = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

const COMMANDS = {
  new: { options: { template: { type: 'string', short: 't' }, help: LISTEN.help }, positionals: 1 },
  routes: { options: { json: { type: 'boolean' }, help: LISTEN.help }, positionals: 0 },
  check: { options: { help: LISTEN.help }, positionals: 0 },
  dev: { options: LISTEN, positionals: 0 },
  serve: {
    options: { ...LISTEN, debug: { type: 'boolean' }, workers: { type: 'string', short: 'w' } },
    positionals: 0,
  },
} satisfies Record<string, { options: ParseArgsConfig['options']; positionals: number }>

type Command = keyof typeof COMMANDS

/** Run the command `argv` names (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    return await runCommand(argv, ctx)
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    ctx.stderr.write(`manouche: ${error.message}\n`)
    if (error instanceof UsageError) ctx.stderr.write(`\n${USAGE}\n`)
    return error.exitCode
  }
}

async function runCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(`${USAGE}\n`)
    return name === undefined ? 2 : 0
  }
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command '${name}'.`)
  const command = name as Command
  const { values, positionals } = parse(command, rest)
  if (values.help) {
    ctx.stdout.write(`${USAGE}\n`)
    return 0
  }
  switch (command) {
    case 'new': {
      const [dir] = positionals
      if (dir === undefined) throw new UsageError('new needs the folder to write the project into.')
      const template = (values.template ?? 'minimal') as ProjectTemplate
      if (!PROJECT_TEMPLATES.includes(template)) {
        throw new UsageError(`unknown template '${template}': choose ${PROJECT_TEMPLATES.join(' or ')}.`)
      }
      const files = createProject(dir, template)
      ctx.stdout.write(`Wrote ${files.length} files into ${dir}. Next:\n\n  cd ${dir}\n  npm install && npm start\n\n`)
      return 0
    }
    case 'routes': {
      const options = await loadOptions(readProject(ctx.cwd))
      const { bootstrap } = await import('../index.js')
      const { describeRoutes, formatRoutes } = await import('./routes.js')
      let app: Awaited<ReturnType<typeof bootstrap>>
      try {
        app = await bootstrap({ ...options, fastify: { ...options.fastify, logger: false } })
      } catch (error) {
        throw new CliError(
          `the application does not bootstrap (manouche check lists every error): ${(error as Error).message}`,
        )
      }
      const routes = describeRoutes(app.manouche.urlconf)
      await app.close()
      ctx.stdout.write(`${values.json ? JSON.stringify(routes, null, 2) : formatRoutes(routes)}\n`)
      return 0
    }
    case 'check': {
      const project = readProject(ctx.cwd)
      const { findProblems } = await import('./check.js')
      const problems = await findProblems(await loadOptions(project))
      if (problems.length === 0) {
        ctx.stdout.write(`manouche check: no problems found in ${project.entry}.\n`)
        return 0
      }
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
      ctx.stderr.write(`manouche check: ${count} in ${project.entry}:\n`)
      for (const problem of problems) ctx.stderr.write(`  - ${problem.where}: ${problem.message}\n`)
      return 1
    }
    case 'dev': {
      const project = readProject(ctx.cwd)
      if (project.entry === undefined) await loadOptions(project) // its message says what to add
      const { dev } = await import('./dev.js')
      return dev(project, listenOptions(values, ctx.env), ctx)
    }
    case 'serve': {
      const listen = listenOptions(values, ctx.env)
      const workers = values.workers === undefined ? undefined : workerCount(values.workers)
      const project = readProject(ctx.cwd)
      const { serve } = await import('./serve.js')
      try {
        const debug = values.debug === true || ctx.env.DEBUG === '1'
        await serve(() => loadOptions(project), { ...listen, debug, workers })
      } catch (error) {
        if (error instanceof CliError) throw error
        throw new CliError(
          `the application could not start (manouche check lists configuration errors): ${(error as Error).message}`,
        )
      }
      // Serving now: a signal drains and exits (serve() does it); a cluster's primary ends
      // when its last worker has.
      return new Promise((resolve) => process.once('beforeExit', () => resolve(Number(process.exitCode ?? 0))))
    }
  }
}

interface Values {
  template?: string
  json?: boolean
  port?: string
  host?: string
  debug?: boolean
  workers?: string
  help?: boolean
}

function parse(command: Command, args: string[]): { values: Values; positionals: string[] } {
  const { options, positionals: allowed } = COMMANDS[command]
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args, options, allowPositionals: allowed > 0, strict: true }) as typeof parsed
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${command}: ${(error as Error).message}`)
    }
    throw error
  }
  if (parsed.positionals.length > allowed) {
    throw new UsageError(`${command} takes ${allowed} argument(s); got '${parsed.positionals.join(' ')}'.`)
  }
  return parsed
}

function workerCount(text: string): number {
  const count = Number(text)
  if (!/^\d+$/.test(text) || count < 1 || !Number.isSafeInteger(count))
    throw new UsageError(`--workers must be a whole number of at least 1, not '${text}'.`)
  return count
}

function listenOptions(values: Values, env: NodeJS.ProcessEnv): { port: number; host: string } {
  const text = values.port ?? env.PORT ?? '8000'
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--port must be a port number (0 to 65535), not '${text}'.`)
  return { port, host: values.host ?? env.HOST ?? '127.0.0.1' }
}
