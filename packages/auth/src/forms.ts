// The login form: a username and a password, checked with authenticate(). Django:
// django/contrib/auth/forms.py (AuthenticationForm)
import type { HttpRequest } from '@manouche/core'
import { Form } from '@manouche/forms'
import { type AuthenticatableUser, authenticate } from './backend.js'
import { USERNAME_MAX_LENGTH } from './users.js'

type Schema = NonNullable<typeof Form.schema>
type Result = ReturnType<Schema['~standard']['validate']>

/** What a valid login form holds. */
interface LoginData {
  username: string
  password: string
}

const REQUIRED = 'This field is required.'

function validate(input: unknown): Result {
  const data = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const issues: { message: string; path: string[] }[] = []
  const { username, password } = data
  if (typeof username !== 'string' || username === '') issues.push({ message: REQUIRED, path: ['username'] })
  else if (username.length > USERNAME_MAX_LENGTH)
    issues.push({
      message: `Ensure this value has at most ${USERNAME_MAX_LENGTH} characters (it has ${username.length}).`,
      path: ['username'],
    })
  if (typeof password !== 'string' || password === '') issues.push({ message: REQUIRED, path: ['password'] })
  return issues.length > 0 ? { issues } : { value: { username, password } }
}

const credentials: Schema = {
  '~standard': {
    version: 1,
    vendor: 'manouche',
    validate,
    jsonSchema: {
      input: () => ({
        type: 'object',
        properties: { username: { type: 'string', maxLength: USERNAME_MAX_LENGTH }, password: { type: 'string' } },
        required: ['username', 'password'],
      }),
    },
  } as Schema['~standard'],
}

/**
 * A username and a password; valid when they are a user's, who is active. A wrong password and
 * an unknown username get the same error, in about the same time. Django: AuthenticationForm
 */
export class AuthenticationForm extends Form<LoginData> {
  static override schema = credentials
  static override widgets = { password: 'password' } as const
  /** The error of a username and password that are no active user's. Django: error_messages['invalid_login'] */
  static invalidLogin = 'Please enter a correct username and password. Note that both fields may be case-sensitive.'

  /** The request being served; `LoginView` sets it (`authenticate()` needs it). */
  request: HttpRequest | undefined = undefined
  #user: AuthenticatableUser | null = null

  /** The user the form authenticated, once valid. Django: get_user */
  getUser(): AuthenticatableUser | null {
    return this.#user
  }

  protected override async clean(data: LoginData): Promise<void> {
    if (this.request === undefined) throw new TypeError('AuthenticationForm needs the request: set form.request.')
    this.#user = await authenticate(this.request, data)
    if (this.#user === null) this.addError(null, (this.constructor as typeof AuthenticationForm).invalidLogin)
  }
}
