// `manouche new <dir>`: a project that builds, tests and serves, from the files under
// `project/` in this package: `common/` for every template, then the template's own.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import nodePath from 'node:path'
import { CliError } from './entry.js'

/** The project templates `manouche new --template` knows. */
export const PROJECT_TEMPLATES = ['minimal', 'books'] as const
export type ProjectTemplate = (typeof PROJECT_TEMPLATES)[number]

const PROJECTS = nodePath.resolve(import.meta.dirname, '../../project')
const PACKAGE = JSON.parse(readFileSync(nodePath.resolve(import.meta.dirname, '../../package.json'), 'utf8'))

/** Write a new project into `dir` (created when missing) and list its files; refuses a folder that holds anything. */
export function createProject(dir: string, template: ProjectTemplate): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CliError(`${dir} is not empty: manouche new writes a project only into a new or empty folder.`)
  }
  mkdirSync(dir, { recursive: true })
  for (const source of ['common', template]) cpSync(nodePath.join(PROJECTS, source), dir, { recursive: true })
  // npm pack leaves out files named .gitignore: the templates hold it as `gitignore`.
  renameSync(nodePath.join(dir, 'gitignore'), nodePath.join(dir, '.gitignore'))
  const name = packageName(dir)
  const readme = nodePath.join(dir, 'README.md')
  writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('{{name}}', name))
  writeFileSync(nodePath.join(dir, 'package.json'), `${JSON.stringify(packageJson(name), null, 2)}\n`)
  const written = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  return written.filter((file) => statSync(nodePath.join(dir, file)).isFile()).sort()
}

/** A valid npm name from the folder's name: `My App` gives `my-app`. */
function packageName(dir: string): string {
  const base = nodePath.basename(nodePath.resolve(dir)).toLowerCase()
  return base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'manouche-app'
}

function packageJson(name: string): Record<string, unknown> {
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20.11' },
    scripts: {
      build: 'tsc -b',
      start: 'tsc -b && manouche serve',
      dev: 'manouche dev',
      test: 'tsc -b && mocha',
      routes: 'tsc -b && manouche routes',
      check: 'tsc -b && manouche check',
    },
    manouche: { app: 'dist/app.js' },
    // npm 11 runs no install script unless allowed: better-sqlite3 builds its binding in one.
    allowScripts: { 'better-sqlite3': true },
    dependencies: {
      manouche: `^${PACKAGE.version}`,
      'reflect-metadata': '^0.2.2',
      tsyringe: '^4.10.0',
    },
    devDependencies: {
      '@types/chai': '^5.2.3',
      '@types/mocha': '^10.0.10',
      '@types/node': '^20.11.0',
      chai: '^6.2.0',
      mocha: '^12.0.0',
      typescript: '^7.0.2',
    },
  }
}
