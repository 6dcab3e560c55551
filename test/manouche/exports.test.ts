// The runtime names each package exports, reviewed: a name added to (or dropped from) an index
// fails here until this list is updated on purpose. User vocabulary goes in the index; what the
// packages share goes behind `/internal`.
import * as core from '@manouche/core'
import * as coreInternal from '@manouche/core/internal'
import * as data from '@manouche/data'
import * as dataInternal from '@manouche/data/internal'
import * as forms from '@manouche/forms'
import * as generic from '@manouche/generic'
import * as templates from '@manouche/templates'
import * as templatesInternal from '@manouche/templates/internal'
import * as testing from '@manouche/testing'
import { expect } from 'chai'
import * as manouche from 'manouche'
import * as manoucheTesting from 'manouche/testing'

const reviewed: [string, object, string[]][] = [
  [
    '@manouche/core',
    core,
    [
      'AllowedHosts',
      'BadRequest',
      'BaseView',
      'DEFAULT_ALLOWED_HOSTS',
      'DisallowedHost',
      'DisallowedRedirect',
      'Http404',
      'HttpRequest',
      'HttpResponse',
      'HttpResponseBadRequest',
      'HttpResponseForbidden',
      'HttpResponseGone',
      'HttpResponseNotAllowed',
      'HttpResponseNotFound',
      'HttpResponseNotModified',
      'HttpResponsePermanentRedirect',
      'HttpResponseRedirect',
      'HttpResponseServerError',
      'ImproperlyConfigured',
      'JsonResponse',
      'ManoucheError',
      'NoReverseMatch',
      'PermissionDenied',
      'ResponseHeaders',
      'TEMPLATE_ENGINE',
      'Template',
      'TemplateDoesNotExist',
      'TimeZone',
      'URLPattern',
      'UrlConf',
      'View',
      'bootstrap',
      'clockOf',
      'clockToken',
      'consoleLogger',
      'coreErrorCodes',
      'escapeHtml',
      'getConverter',
      'systemClock',
      'httpDate',
      'include',
      'iriToUri',
      'isTemplateResponse',
      'parseEtags',
      'parseHttpDate',
      'path',
      'patternsFromViews',
      'quoteEtag',
      'registerConverter',
      'reverse',
      'serve',
      'splitDomainPort',
      'timeZoneOf',
      'timeZoneToken',
    ],
  ],
  [
    '@manouche/core/internal',
    coreInternal,
    [
      'UTC',
      'andThen',
      'conditionalResponse',
      'configurationCheck',
      'createTemplateEngine',
      'decoratedViews',
      'escapeForLog',
      'flattenPatterns',
      'frameworkHandlers',
      'getAttributeDefaults',
      'logResponse',
      'notModifiedFrom',
    ],
  ],
  [
    '@manouche/data',
    data,
    [
      'DatabaseUnavailable',
      'DoesNotExist',
      'Field',
      'FieldError',
      'MemoryQuerySet',
      'Model',
      'MultipleObjectsReturned',
      'SqlDatabase',
      'ValidationError',
      'dataErrorCodes',
      'isQuerySet',
      'migrate',
      'modelMeta',
      'openDatabase',
      'openSqlite',
      'postgresFlavor',
      'querySetToken',
      'redactUrl',
      'registerQuerySets',
      'sqliteFlavor',
    ],
  ],
  [
    '@manouche/data/internal',
    dataInternal,
    [
      'BaseQuerySet',
      'EMPTY_STATE',
      'LOOKUPS',
      'SQLITE_LOWER',
      'SqlQuerySet',
      'escapeLike',
      'flavorFor',
      'installSqliteFunctions',
      'totalOrdering',
    ],
  ],
  [
    '@manouche/forms',
    forms,
    ['BoundField', 'Form', 'ModelForm', 'NON_FIELD_ERRORS', 'formsErrorCodes', 'modelForm', 'prettyName'],
  ],
  [
    '@manouche/generic',
    generic,
    [
      'ArchiveIndexView',
      'BaseDateListView',
      'BaseDetailView',
      'BaseListView',
      'DateDetailView',
      'DateMixin',
      'DayArchiveView',
      'DayMixin',
      'MonthArchiveView',
      'MonthMixin',
      'TodayArchiveView',
      'WeekArchiveView',
      'WeekMixin',
      'YearArchiveView',
      'YearMixin',
      'ContentNotRenderedError',
      'ContextMixin',
      'DetailView',
      'EmptyPage',
      'InvalidPage',
      'ListView',
      'MultipleObjectMixin',
      'MultipleObjectTemplateResponseMixin',
      'Page',
      'PageNotAnInteger',
      'Paginator',
      'RedirectView',
      'SingleObjectMixin',
      'SingleObjectTemplateResponseMixin',
      'TemplateResponse',
      'TemplateResponseMixin',
      'TemplateView',
      'genericErrorCodes',
    ],
  ],
  [
    '@manouche/templates',
    templates,
    [
      'EtaEngine',
      'SuspiciousFileOperation',
      'TemplateSyntaxError',
      'nodeFileSystem',
      'safeUrl',
      'templatesErrorCodes',
      'withEta',
    ],
  ],
  ['@manouche/templates/internal', templatesInternal, ['TemplateLoader', 'normalizeTemplateName']],
  [
    '@manouche/testing',
    testing,
    [
      'CookieJar',
      'LogRecorder',
      'RequestFactory',
      'TestClient',
      'TestResponse',
      'captureRenders',
      'chaiManouche',
      'createTestClient',
      'instrumentTemplates',
      'testingErrorCodes',
    ],
  ],
]

/** The reviewed names of the packages whose indexes `manouche` re-exports. */
function umbrellaNames(): string[] {
  const sources = ['@manouche/core', '@manouche/data', '@manouche/forms', '@manouche/generic', '@manouche/templates']
  return reviewed.filter(([name]) => sources.includes(name)).flatMap(([, , names]) => names)
}

describe('package exports', () => {
  for (const [name, module, names] of reviewed) {
    it(`${name} exports exactly its reviewed names`, () => {
      expect(Object.keys(module).sort()).to.deep.equal([...names].sort())
    })
  }

  it('manouche exports exactly the names of core, data, forms, generic and templates', () => {
    expect(Object.keys(manouche).sort()).to.deep.equal(umbrellaNames().sort())
  })

  it('manouche/testing exports exactly the names of @manouche/testing', () => {
    expect(Object.keys(manoucheTesting).sort()).to.deep.equal(Object.keys(testing).sort())
  })
})
