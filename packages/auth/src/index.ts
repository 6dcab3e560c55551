/**
 * @manouche/auth: users, password hashing and authentication, sessions and their stores, the
 * access mixins and messages. Django: django.contrib.auth, django.contrib.sessions, django.contrib.messages
 */
export {
  type AuthenticatableUser,
  authenticate,
  type Credentials,
  ModelUserLoader,
  UserLoader,
  userLoaderOf,
} from './backend.js'
export { authErrorCodes } from './errors.js'
export { checkPassword, isPasswordUsable, makePassword } from './hashers.js'
export { AnonymousUser, USERNAME_MAX_LENGTH, User, type UserLike, UserPermission } from './users.js'
