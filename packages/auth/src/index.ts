/**
 * @manouche/auth: users, password hashing and authentication, sessions and their stores, the
 * access mixins and messages. Django: django.contrib.auth, django.contrib.sessions, django.contrib.messages
 */
export {
  type AuthenticatableUser,
  authenticate,
  type Credentials,
  UserLoader,
  userLoaderOf,
} from './backend.js'
export { authErrorCodes, MessageFailure } from './errors.js'
export { AuthenticationForm } from './forms.js'
export { checkPassword, isPasswordUsable, makePassword } from './hashers.js'
export { getUser, type LoginUser, login, logout, SESSION_USER_KEY } from './login.js'
export { type AddMessageOptions, messages } from './messages/api.js'
export { DEFAULT_MESSAGE_TAGS, Message, MessageLevel } from './messages/message.js'
export { type MessageStorage, SessionMessageStorage } from './messages/storage.js'
export { SuccessMessageMixin } from './messages/views.js'
export { SESSION_COOKIE_NAME, TemplateMessages } from './middleware.js'
export {
  AccessMixin,
  LoginRequiredMixin,
  PermissionRequiredMixin,
  UserPassesTestMixin,
} from './mixins.js'
export { ModelUserLoader, type ModelUserLoaderOptions } from './model-loader.js'
export { authPlugin, withAuth } from './plugin.js'
export { DatabaseSessionStore, SessionRecord } from './sessions/database.js'
export { RedisSessionStore, type RedisSessionStoreOptions } from './sessions/redis.js'
export { DEFAULT_SESSION_AGE, Session, type SessionOptions } from './sessions/session.js'
export { SignedCookieSessionStore, type SignedCookieStoreOptions } from './sessions/signed-cookie.js'
export type { SessionData, SessionStore } from './sessions/store.js'
export { DEFAULT_LOGIN_REDIRECT_URL, DEFAULT_LOGIN_URL } from './settings.js'

// request.user on HttpRequest: a type augmentation of @manouche/core.
import './request.js'

export { redirectToLogin, urlHasAllowedHostAndScheme } from './urls.js'
export {
  AnonymousUser,
  Group,
  GroupPermission,
  USERNAME_MAX_LENGTH,
  User,
  UserGroup,
  type UserLike,
  UserPermission,
} from './users.js'
export { LoginView, LogoutView, RedirectURLMixin } from './views.js'
