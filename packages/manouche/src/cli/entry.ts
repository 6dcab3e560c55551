// How the command finds an application: `package.json` names one entry file under
// `"manouche": { "app": "dist/app.js" }`, and that file's default export is the options of
// `bootstrap()`, or a function (async or not) that returns them.
import { existsSync, readFileSync } from 'node:fs'
import nodePath from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BootstrapOptions } from '@manouche/core'

/** An error the command reports as its message alone, then exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** What the entry file must export, for the messages that say it is missing. */
export const ENTRY_CONTRACT =
  'It should `export default` the options of bootstrap() ({ views, urlpatterns, templates, container, ... }), or a function (async or not) returning them.'

/** The project the command runs in: its folder, its package.json and its entry file. */
export interface Project {
  root: string
  packageJson: Record<string, unknown>
  /** The entry file named by `"manouche": { "app" }`, relative to `root` as written there. */
  entry: string | undefined
}

/** Read `cwd/package.json`; a missing or unreadable one is a `CliError`. */
export function readProject(cwd: string): Project {
  const file = nodePath.join(cwd, 'package.json')
  if (!existsSync(file)) throw new CliError(`No package.json in ${cwd}: run manouche in a project folder.`)
  let packageJson: Record<string, unknown>
  try {
    packageJson = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`)
  }
  const section = packageJson.manouche as { app?: unknown } | undefined
  const entry = typeof section?.app === 'string' ? section.app : undefined
  return { root: cwd, packageJson, entry }
}

/** Import the project's entry file and return the bootstrap options it exports. */
export async function loadOptions(project: Project): Promise<BootstrapOptions> {
  if (project.entry === undefined) {
    throw new CliError(
      `package.json has no entry file: add "manouche": { "app": "dist/app.js" }, naming the compiled file that exports the application's options. ${ENTRY_CONTRACT}`,
    )
  }
  const file = nodePath.resolve(project.root, project.entry)
  if (!existsSync(file)) {
    throw new CliError(
      `The entry file ${project.entry} (package.json "manouche.app") does not exist: build the project first (npm run build), or correct the path. ${ENTRY_CONTRACT}`,
    )
  }
  const module: Record<string, unknown> = await import(pathToFileURL(file).href)
  const exported = module.default
  const options = typeof exported === 'function' ? await exported() : exported
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const found = exported === undefined ? 'it has no default export' : `its default export gives ${describe(options)}`
    throw new CliError(`The entry file ${project.entry} exports no bootstrap options: ${found}. ${ENTRY_CONTRACT}`)
  }
  return options as BootstrapOptions
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`
}
