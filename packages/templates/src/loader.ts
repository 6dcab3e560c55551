// Template names to files: a name is checked (it may not leave the template folders), then looked
// for in each folder in order. File access goes through a small interface so the engine's logic
// has no `node:fs` of its own and tests can watch what is read.
import * as fs from 'node:fs'
import * as nodePath from 'node:path'
import { TemplateDoesNotExist } from '@manouche/core'
import { errors } from './errors.js'

/** The file access a template loader needs; `nodeFileSystem` is the real one. */
export interface TemplateFileSystem {
  /** Whether `path` is an existing regular file. */
  isFile(path: string): boolean
  /** The text of the file at `path`, UTF-8. */
  readFile(path: string): string
  /**
   * Every file under folder `dir`, as `/`-separated paths relative to it (none when `dir` does
   * not exist). Optional: without it, `EtaEngine.prepare()` compiles nothing up front.
   */
  listFiles?(dir: string): string[]
  /** Whether `path` is an existing folder. Optional: without it, the folders are not checked up front. */
  isDirectory?(path: string): boolean
}

const withSep = (dir: string) => (dir.endsWith(nodePath.sep) ? dir : dir + nodePath.sep)
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG'])

/** Read templates from the disk. */
export const nodeFileSystem: TemplateFileSystem = {
  isFile(path) {
    try {
      return fs.statSync(path).isFile()
    } catch (error) {
      if (ABSENT.has((error as NodeJS.ErrnoException).code ?? '')) return false
      throw error
    }
  },
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  isDirectory: (path) => fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  listFiles(dir) {
    if (!fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => fs.statSync(nodePath.join(dir, name)).isFile())
      .map((name) => name.split(nodePath.sep).join('/'))
  },
}

/**
 * Check `name` and make it canonical: `a//b/./c.html` is `a/b/c.html`, and a name starting with
 * `./` or `../` is taken relative to the folder of the template `from`. Throws
 * `SuspiciousFileOperation` for an absolute name, a backslash, a NUL byte, or `..` that climbs
 * above the template folders. Django: django.utils._os.safe_join
 */
export function normalizeTemplateName(name: string, from?: string): string {
  if (name.includes('\0')) throw errors.unsafeName(name, 'it holds a NUL byte')
  if (name.includes('\\')) throw errors.unsafeName(name, 'it holds a backslash')
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw errors.unsafeName(name, 'it is an absolute path')
  const relative = from !== undefined && (name.startsWith('./') || name.startsWith('../'))
  const segments = relative ? from.split('/').slice(0, -1) : []
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment !== '..') segments.push(segment)
    else if (segments.pop() === undefined) throw errors.unsafeName(name, 'it climbs out of the template folders')
  }
  return segments.join('/')
}

/** What a `TemplateLoader` is built with. */
export interface TemplateLoaderOptions {
  /** The folders searched, in order. */
  dirs: readonly string[]
  /** Remember where names were found (outside debug); off, every lookup asks the disk again. */
  cache: boolean
  /** Appended to a name whose last segment has no extension (Eta's rule); `''` to append nothing. */
  defaultExtension: string
  fileSystem: TemplateFileSystem
}

/**
 * Finds templates by name in folders searched in order; the first folder holding the name wins.
 * Django: django.template.loaders.filesystem.Loader (with the cached loader outside debug)
 */
export class TemplateLoader {
  /** The folders, as absolute paths. */
  readonly dirs: readonly string[]
  readonly #options: TemplateLoaderOptions
  readonly #found = new Map<string, string | null>()
  readonly #names = new Map<string, string>()

  constructor(options: TemplateLoaderOptions) {
    this.dirs = options.dirs.map((dir) => nodePath.resolve(dir))
    // A folder misspelt would make every page a 500 later: say so at start-up.
    for (const dir of this.dirs) if (options.fileSystem.isDirectory?.(dir) === false) throw errors.noFolder(dir)
    this.#options = options
  }

  /** The file of template `name` (relative names against `from`), or undefined when no folder has it. */
  find(name: string, from?: string): string | undefined {
    const key = from === undefined ? name : `${from}\0${name}`
    const known = this.#found.get(key)
    if (known !== undefined) return known ?? undefined
    const file = this.#search(this.#canonical(name, from))
    if (this.#options.cache) this.#found.set(key, file ?? null)
    return file
  }

  /** The file of template `name`; throws `TemplateDoesNotExist` when no folder has it. */
  get(name: string, from?: string): string {
    const file = this.find(name, from)
    if (file === undefined) throw new TemplateDoesNotExist([this.#canonical(name, from)], this.dirs)
    return file
  }

  /** The name a file found by this loader was asked for by (canonical form). */
  nameOf(file: string): string | undefined {
    return this.#names.get(file)
  }

  /** The text of a file this loader found; refuses any other path. */
  read(file: string): string {
    if (!this.#names.has(file)) throw errors.unsafeName(file, 'no template folder gave this file')
    return this.#options.fileSystem.readFile(file)
  }

  /** The name of every template the folders hold (hidden files left out), each once. */
  names(): string[] {
    const names = new Set<string>()
    for (const dir of this.dirs) {
      for (const name of this.#options.fileSystem.listFiles?.(dir) ?? []) {
        if (!name.split('/').some((segment) => segment.startsWith('.'))) names.add(name)
      }
    }
    return [...names]
  }

  /** Forget where names were found. */
  clear(): void {
    this.#found.clear()
  }

  #search(name: string): string | undefined {
    if (name === '') return undefined
    for (const dir of this.dirs) {
      const file = nodePath.join(dir, name)
      // normalizeTemplateName already keeps names inside; this is the belt to its braces.
      if (!file.startsWith(withSep(dir)) || !this.#options.fileSystem.isFile(file)) continue
      this.#names.set(file, name)
      return file
    }
    return undefined
  }

  /** The checked, canonical name, with the default extension when it has none. */
  #canonical(name: string, from?: string): string {
    const canonical = normalizeTemplateName(name, from)
    const last = canonical.slice(canonical.lastIndexOf('/') + 1)
    return last === '' || nodePath.posix.extname(last) ? canonical : canonical + this.#options.defaultExtension
  }
}
