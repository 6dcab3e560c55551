// Where in a template a compile error is. Eta's own parse errors say "at line N col M"; a
// JavaScript syntax error inside `<% %>` only names a line of the generated function, so that is
// mapped back through the `__eta.line=N` markers Eta writes in debug mode. Runs only on errors.
import * as vm from 'node:vm'
import type { Eta } from 'eta'

const PARSE_LINE = /\s*at line (\d+) col \d+:?/
const MARKER = /^__eta\.line=(\d+)$/
const GENERATED_LINE = /^template:(\d+)/

/** The template line (from 1) a compile error of `source` points at, or undefined. */
export function errorLine(eta: Eta, source: string, error: Error, async: boolean): number | undefined {
  const parsed = PARSE_LINE.exec(error.message)
  if (parsed) return Number(parsed[1])
  try {
    return javascriptErrorLine(eta, source, async)
  } catch {
    return undefined
  }
}

/** The first line of Eta's message: what is wrong, without the generated code it appends. */
export function errorDetail(error: Error): string {
  const lines = error.message.split('\n').filter((line) => line.trim() !== '')
  if (lines[0] === 'Bad template syntax' && lines[1]) return lines[1]
  return (lines[0] ?? error.message).replace(PARSE_LINE, '').trim()
}

function javascriptErrorLine(eta: Eta, source: string, async: boolean): number | undefined {
  const traced = eta.withConfig({ debug: true })
  const body = traced.compileToString.call(traced, source, { async })
  try {
    // Wrapped so the function's body starts on line 2 of the script.
    const wrapper = `(${async ? 'async ' : ''}function (${eta.config.varName}, options) {\n${body}\n})`
    new vm.Script(wrapper, { filename: 'template' })
  } catch (error) {
    const generated = GENERATED_LINE.exec((error as Error).stack ?? '')
    if (generated) return lineBefore(body.split('\n'), Number(generated[1]) - 2)
  }
  return undefined
}

/** The template line of the last marker at or before generated line `index`. */
function lineBefore(lines: readonly string[], index: number): number | undefined {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const marker = MARKER.exec(lines[i] as string)
    if (marker) return Number(marker[1])
  }
  return undefined
}
