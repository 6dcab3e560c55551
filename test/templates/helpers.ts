import * as nodePath from 'node:path'
import { nodeFileSystem, type TemplateFileSystem } from '@manouche/templates'

/** The fixture folders of the template tests: `main` is searched before `extra`. */
export const FIXTURES = nodePath.resolve(import.meta.dirname, '../../fixtures/templates/eta')
export const MAIN = nodePath.join(FIXTURES, 'main')
export const EXTRA = nodePath.join(FIXTURES, 'extra')
export const DIRS = [MAIN, EXTRA]
/** Templates that do not compile, kept apart: `bootstrap()` compiles every template of its folders. */
export const BROKEN = nodePath.join(FIXTURES, 'broken')

/** The real file system, recording every path asked about (`checked`) and read (`read`). */
export function spyFileSystem(): TemplateFileSystem & { checked: string[]; read: string[] } {
  const checked: string[] = []
  const read: string[] = []
  return {
    checked,
    read,
    isFile(path) {
      checked.push(path)
      return nodeFileSystem.isFile(path)
    },
    readFile(path) {
      read.push(path)
      return nodeFileSystem.readFile(path)
    },
    listFiles: (dir) => nodeFileSystem.listFiles?.(dir) ?? [],
  }
}

/** Squash runs of whitespace so assertions do not depend on template line breaks. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
