/**
 * The errors of @manouche/forms: small factories, one line at each call site, Django's wording
 * where Django has one. Each carries a stable code listed in `formsErrorCodes`. What the user typed
 * wrong is never an exception: it is in `form.errors`.
 */
import { ImproperlyConfigured, ManoucheError } from '@manouche/core'

/** The codes this package raises, for docs/errors.md and its test. */
export const formsErrorCodes = [
  'MNC_ERR_FORMS_NO_SCHEMA',
  'MNC_ERR_FORMS_NO_FIELDS',
  'MNC_ERR_FORMS_UNKNOWN_FIELD',
  'MNC_ERR_FORMS_NOT_VALIDATED',
  'MNC_ERR_FORMS_INVALID_SAVE',
  'MNC_ERR_FORMS_MODEL_FIELDS',
] as const

export const errors = {
  noSchema: (form: string) =>
    new ImproperlyConfigured(`${form} has no 'schema': set static schema to a Standard Schema object schema.`, {
      code: 'MNC_ERR_FORMS_NO_SCHEMA',
    }),
  noFields: (form: string) =>
    new ImproperlyConfigured(
      `${form}.schema does not tell its keys (it has no '~standard.jsonSchema'): list them in static fields.`,
      { code: 'MNC_ERR_FORMS_NO_FIELDS' },
    ),
  unknownField: (form: string, field: string) =>
    new ImproperlyConfigured(`'${form}' has no field named '${field}'.`, { code: 'MNC_ERR_FORMS_UNKNOWN_FIELD' }),
  notValidated: (form: string, what: string) =>
    new ManoucheError(
      `${form}.${what} is known only after 'await form.isValid()' on a bound form.`,
      500,
      'MNC_ERR_FORMS_NOT_VALIDATED',
    ),
  invalidSave: (model: string, verb: 'created' | 'changed') =>
    new ManoucheError(
      `The ${model} could not be ${verb} because the data didn't validate.`,
      500,
      'MNC_ERR_FORMS_INVALID_SAVE',
    ),
  modelFields: (message: string) => new ImproperlyConfigured(message, { code: 'MNC_ERR_FORMS_MODEL_FIELDS' }),
}
