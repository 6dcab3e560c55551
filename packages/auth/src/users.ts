// Django's django/contrib/auth/models.py, reduced: the User model, its permissions, and the
// anonymous user. Permissions are `app.action_model` strings, as Django's `has_perm()` takes them.
import { Field, Model } from '@manouche/data'
import { authErrors } from './errors.js'
import { checkPassword, makePassword } from './hashers.js'

/** What the access mixins read from `request.user`: a `User`, an `AnonymousUser`, or an application's own. */
export interface UserLike {
  readonly isAuthenticated: boolean
  readonly isActive: boolean
  hasPerms(perms: readonly string[]): boolean | Promise<boolean>
}

/** `perms` as a list; a lone string is refused, as a mistake for `[perm]`. Django: has_perms' check */
function permList(perms: readonly string[]): readonly string[] {
  if (typeof perms === 'string' || typeof (perms as unknown as Iterable<string>)?.[Symbol.iterator] !== 'function')
    throw authErrors.permList()
  return Array.isArray(perms) ? perms : [...perms]
}

/** The longest username accepted, as Django's `max_length=150`. */
export const USERNAME_MAX_LENGTH = 150

/**
 * A user who can log in, stored in the `auth_user` table; `permissions` come from
 * `auth_user_permissions` (see `UserPermission`). An active superuser has every permission.
 * Django: django.contrib.auth.models.User
 */
@Model({ app: 'auth', table: 'auth_user' })
export class User implements UserLike {
  @Field({ primaryKey: true, type: 'integer' }) id!: number
  @Field({ unique: true, maxLength: USERNAME_MAX_LENGTH }) username: string = ''
  /** The hashed password (`makePassword()`), never the raw one. */
  @Field({ maxLength: 256 }) password: string = ''
  @Field({ default: true }) isActive: boolean = true
  @Field({ default: false }) isStaff: boolean = false
  @Field({ default: false }) isSuperuser: boolean = false
  /** Every permission the user holds, their own and their groups', as `app.action_model` strings; not a column. */
  permissions: string[] = []
  /** The names of the user's groups; not a column. */
  groups: string[] = []

  /** Always true: a `User` is someone who logged in. Django: User.is_authenticated */
  get isAuthenticated(): true {
    return true
  }

  /** Whether the user has `perm`: an active superuser has all, an inactive user none. Django: User.has_perm */
  hasPerm(perm: string): boolean {
    if (!this.isActive) return false
    return this.isSuperuser || this.permissions.includes(perm)
  }

  /** Whether the user has every one of `perms` (true for none). Django: User.has_perms */
  hasPerms(perms: readonly string[]): boolean {
    return permList(perms).every((perm) => this.hasPerm(perm))
  }

  /** Whether the user has any permission in the app `app`. Django: User.has_module_perms */
  hasModulePerms(app: string): boolean {
    if (!this.isActive) return false
    return this.isSuperuser || this.permissions.some((perm) => perm.startsWith(`${app}.`))
  }

  /** Hash `raw` into `password` (save the user afterwards). Django: User.set_password */
  async setPassword(raw: string): Promise<void> {
    this.password = await makePassword(raw)
  }

  /** Whether `raw` is this user's password. Django: User.check_password */
  checkPassword(raw: string): Promise<boolean> {
    return checkPassword(raw, this.password)
  }
}

/** One permission held by one user: a row of `auth_user_permissions`. Django: User.user_permissions */
@Model({ app: 'auth', table: 'auth_user_permissions' })
export class UserPermission {
  @Field({ primaryKey: true, type: 'integer' }) id!: number
  @Field({ type: 'integer', index: true }) userId!: number
  /** `app.action_model`, e.g. `books.delete_book`. */
  @Field({ maxLength: 255 }) permission: string = ''
}

/** A named set of permissions users share: a row of `auth_group`. Django: Group */
@Model({ app: 'auth', table: 'auth_group' })
export class Group {
  @Field({ primaryKey: true, type: 'integer' }) id!: number
  @Field({ unique: true, maxLength: 150 }) name: string = ''
}

/** One permission of one group: a row of `auth_group_permissions`. Django: Group.permissions */
@Model({ app: 'auth', table: 'auth_group_permissions' })
export class GroupPermission {
  @Field({ primaryKey: true, type: 'integer' }) id!: number
  @Field({ type: 'integer', index: true }) groupId!: number
  @Field({ maxLength: 255 }) permission: string = ''
}

/** One user in one group: a row of `auth_user_groups`. Django: User.groups */
@Model({ app: 'auth', table: 'auth_user_groups' })
export class UserGroup {
  @Field({ primaryKey: true, type: 'integer' }) id!: number
  @Field({ type: 'integer', index: true }) userId!: number
  @Field({ type: 'integer', index: true }) groupId!: number
}

/** Nobody logged in: not authenticated, not active, no permissions. Django: AnonymousUser */
export class AnonymousUser implements UserLike {
  readonly id = null
  readonly username = ''
  readonly isActive = false
  readonly isStaff = false
  readonly isSuperuser = false
  readonly permissions: readonly string[] = []
  readonly groups: readonly string[] = []

  /** Always false. Django: AnonymousUser.is_authenticated */
  get isAuthenticated(): false {
    return false
  }

  /** Always false. Django: AnonymousUser.has_perm */
  hasPerm(_perm: string): boolean {
    return false
  }

  /** True only for no permission at all, as Django's. Django: AnonymousUser.has_perms */
  hasPerms(perms: readonly string[]): boolean {
    return permList(perms).length === 0
  }

  /** Always false. Django: AnonymousUser.has_module_perms */
  hasModulePerms(_app: string): boolean {
    return false
  }
}
