// A message after a form is saved. Django: django/contrib/messages/views.py
import type { BaseView, HttpResponse } from '@manouche/core'
import type { Form } from '@manouche/forms'
import type { Constructor, FormMixin } from '@manouche/generic'
import { fillPlaceholders } from '@manouche/generic/internal'
import { authErrors } from '../errors.js'
import { messages } from './api.js'

/** What `SuccessMessageMixin` adds to a form view. */
export interface SuccessMessageMixin {
  /** The message after a valid form, with `{field}` placeholders filled from the cleaned data; `''` for none. */
  successMessage: string
  /** `successMessage` filled from `cleanedData`. Django: get_success_message */
  getSuccessMessage(cleanedData: Record<string, unknown>): string
}

/**
 * Add a success message once the form is valid and handled: `successMessage = 'Saved {title}.'`.
 * Nothing is added for an invalid form. Django: SuccessMessageMixin
 */
export function SuccessMessageMixin<TBase extends Constructor<BaseView & FormMixin>>(
  Base: TBase,
): TBase & Constructor<SuccessMessageMixin> {
  abstract class SuccessMessageMixinImpl extends Base implements SuccessMessageMixin {
    successMessage = ''

    override async formValid(form: Form<object>): Promise<HttpResponse> {
      const response = await super.formValid(form)
      const message = this.getSuccessMessage(form.cleanedData as Record<string, unknown>)
      if (message) messages.success(this.request, message)
      return response
    }

    getSuccessMessage(cleanedData: Record<string, unknown>): string {
      const cls = this.constructor.name
      const message = this.successMessage
      return fillPlaceholders(message, cleanedData, {
        brace: () => authErrors.messagePlaceholder(cls, message, 'has an unmatched brace (write {{ or }} for one)'),
        missing: (name) =>
          authErrors.messagePlaceholder(cls, message, `names {${name}}, which the form's cleaned data does not hold`),
      })
    }
  }
  return SuccessMessageMixinImpl
}
