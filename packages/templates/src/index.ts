// Importing this package makes Eta the engine `bootstrap({ templates })` builds.
import { registerTemplateEngine } from '@manouche/core'
import { EtaEngine } from './eta-engine.js'

export { SuspiciousFileOperation, TemplateSyntaxError, templatesErrorCodes } from './errors.js'
export { EtaEngine, type EtaEngineOptions, safeUrl } from './eta-engine.js'
export {
  nodeFileSystem,
  normalizeTemplateName,
  type TemplateFileSystem,
  TemplateLoader,
  type TemplateLoaderOptions,
} from './loader.js'

registerTemplateEngine((settings) => new EtaEngine(settings))
