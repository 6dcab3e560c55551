// `manouche new <dir>`: a project that builds, tests and serves, from the files under
// `project/` in this package: `common/` for every template, then the template's own. The books
// template is the books sample itself (all it holds but its build output, database and workspace
// files, and its package.json's entry, scripts and dependencies): read from samples/books in this
// repository, from the copy `npm pack` puts in project/books otherwise (pack-sample.ts).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import nodePath from 'node:path'
import { CliError } from './entry.js'

/** The project templates `manouche new --template` knows. */
export const PROJECT_TEMPLATES = ['minimal', 'books'] as const
export type ProjectTemplate = (typeof PROJECT_TEMPLATES)[number]

const PROJECTS = nodePath.resolve(import.meta.dirname, '../../project')
const PACKAGE = JSON.parse(readFileSync(nodePath.resolve(import.meta.dirname, '../../package.json'), 'utf8'))
/** The repository's root when this package runs from it (not installed from a tarball). */
const WORKSPACE = nodePath.resolve(import.meta.dirname, '../../../..')

/** The folders a template of this package gives a project. */
const PROJECT_DIRS = ['src', 'templates']

/** What a project does not take from a sample: the workspace's files, the README it gets its own of, build output, databases. */
const NOT_FROM_SAMPLE = /^(package\.json|tsconfig\.json|README\.md|dist|node_modules|.*\.tsbuildinfo|.*\.sqlite3.*)$/

/** The top-level files and folders of the sample in `source` that a project takes (see NOT_FROM_SAMPLE). */
export function sampleEntries(source: string): string[] {
  return readdirSync(source).filter((entry) => !NOT_FROM_SAMPLE.test(entry))
}

/** What a template's package.json and README take from it. */
interface TemplateFiles {
  /** The files and folders copied beside `common/`'s files. */
  dirs: string[]
  /** The sample's package.json, when the template is a sample. */
  sample?: SamplePackage
  /** The README's sentence on the database. */
  database: string
}

/** The parts of a sample's package.json a project takes over. */
interface SamplePackage {
  scripts?: Record<string, string>
  manouche?: { app: string }
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

function templateFiles(template: ProjectTemplate): TemplateFiles {
  if (template === 'minimal') {
    return {
      dirs: PROJECT_DIRS.map((dir) => nodePath.join(PROJECTS, 'minimal', dir)),
      database: '`DATABASE` to choose the file',
    }
  }
  const source = booksSource()
  return {
    dirs: sampleEntries(source).map((entry) => nodePath.join(source, entry)),
    sample: JSON.parse(readFileSync(nodePath.join(source, 'package.json'), 'utf8')),
    database: '`BOOKS_DB` to choose the file; `DATABASE_URL=postgres://…` to use PostgreSQL',
  }
}

/** samples/books in this repository, else the copy prepack put in the package. */
export function booksSource(): string {
  const root = nodePath.join(WORKSPACE, 'package.json')
  if (existsSync(root) && JSON.parse(readFileSync(root, 'utf8')).name === 'manouche-workspace') {
    return nodePath.join(WORKSPACE, 'samples/books')
  }
  return nodePath.join(PROJECTS, 'books')
}

/** Write a new project into `dir` (created when missing) and list its files; refuses a folder that holds anything. */
export function createProject(dir: string, template: ProjectTemplate): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CliError(`${dir} is not empty: manouche new writes a project only into a new or empty folder.`)
  }
  const files = templateFiles(template)
  mkdirSync(dir, { recursive: true })
  cpSync(nodePath.join(PROJECTS, 'common'), dir, { recursive: true })
  for (const source of files.dirs) {
    cpSync(source, nodePath.join(dir, nodePath.basename(source)), { recursive: true })
  }
  // npm pack leaves out files named .gitignore: the templates hold it as `gitignore`.
  renameSync(nodePath.join(dir, 'gitignore'), nodePath.join(dir, '.gitignore'))
  const name = packageName(dir)
  const project = packageJson(name, files.sample)
  const entry = project.manouche.app
  const readme = nodePath.join(dir, 'README.md')
  const text = readFileSync(readme, 'utf8')
    .replaceAll('{{name}}', name)
    .replaceAll('{{entry}}', entry)
    .replaceAll('{{entrySource}}', entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))
    .replaceAll('{{database}}', files.database)
  writeFileSync(readme, text)
  writeFileSync(nodePath.join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`)
  const written = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  return written.filter((file) => statSync(nodePath.join(dir, file)).isFile()).sort()
}

/** A valid npm name from the folder's name: `My App` gives `my-app`. */
function packageName(dir: string): string {
  const base = nodePath.basename(nodePath.resolve(dir)).toLowerCase()
  return base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'manouche-app'
}

/**
 * The project's package.json: the commands every project has; a sample's own scripts, entry file
 * and dependencies on top, with `manouche` from the registry rather than the workspace.
 */
function packageJson(name: string, sample: SamplePackage = {}) {
  const common = {
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
  return {
    ...common,
    scripts: { ...common.scripts, ...sample.scripts },
    manouche: sample.manouche ?? common.manouche,
    dependencies: { ...sample.dependencies, ...common.dependencies },
    devDependencies: { ...sample.devDependencies, ...common.devDependencies },
  }
}
