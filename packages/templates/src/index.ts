export { SuspiciousFileOperation, TemplateSyntaxError, templatesErrorCodes } from './errors.js'
export { EtaEngine, type EtaEngineOptions, safeUrl, withEta } from './eta-engine.js'
export { nodeFileSystem, type TemplateFileSystem } from './loader.js'
