/**
 * The errors of @manouche/templates. A missing template is core's `TemplateDoesNotExist`; this
 * file adds the two a template folder can raise besides: a name that tries to leave the folders
 * (the client's fault when it comes from a URL, so 400), and a template that does not parse.
 */
import { ImproperlyConfigured, ManoucheError, type ManoucheErrorOptions } from '@manouche/core'
import { escapeForLog } from '@manouche/core/internal'

/** A template name that would read outside the template folders; never read. Django: SuspiciousFileOperation */
export class SuspiciousFileOperation extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 400, 'MNC_ERR_TEMPLATES_UNSAFE_NAME', options)
  }
}

/** A template that Eta cannot compile; names the template and the line. Django: TemplateSyntaxError */
export class TemplateSyntaxError extends ManoucheError {
  /** The name of the broken template. */
  readonly templateName: string
  /** The line of the template where the error is, counting from 1; undefined when unknown. */
  readonly line: number | undefined

  constructor(templateName: string, line: number | undefined, detail: string, options?: ManoucheErrorOptions) {
    const where = line === undefined ? '' : ` at line ${line}`
    super(`Invalid template syntax in '${templateName}'${where}: ${detail}`, 500, 'MNC_ERR_TEMPLATES_SYNTAX', options)
    this.templateName = templateName
    this.line = line
  }
}

/** The codes this package raises, for docs/errors.md and its test. */
export const templatesErrorCodes = ['MNC_ERR_TEMPLATES_UNSAFE_NAME', 'MNC_ERR_TEMPLATES_SYNTAX'] as const

/** Factories for the errors above: one line at each call site. */

export const errors = {
  noFolder: (dir: string) =>
    new ImproperlyConfigured(`The template folder ${dir} does not exist (templates.dirs of bootstrap()).`),
  unsafeName: (name: string, why: string) =>
    new SuspiciousFileOperation(
      `The template name '${escapeForLog(name)}' is refused: ${why}. Template names are relative to the template folders and may not leave them.`,
    ),
  syntax: (name: string, line: number | undefined, detail: string, cause: unknown) =>
    new TemplateSyntaxError(name, line, detail, { cause }),
}
