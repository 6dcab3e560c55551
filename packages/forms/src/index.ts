/**
 * @manouche/forms: forms declared on a Standard Schema object schema, bound to request data,
 * validated, and rendered escaped; `modelForm()` builds one from a model's `@Field`s.
 */
export { BoundField } from './bound-field.js'
export { formsErrorCodes } from './errors.js'
export { Form, type FormClass, type FormOptions, NON_FIELD_ERRORS, prettyName } from './form.js'
export {
  ModelForm,
  type ModelFormClass,
  type ModelFormOptions,
  modelForm,
  type WritableQuerySet,
} from './model-form.js'
export type { FormInput, UploadedFile } from './values.js'
export type { Widget } from './widgets.js'
