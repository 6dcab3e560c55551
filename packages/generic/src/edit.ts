// Django's django/views/generic/edit.py family: the form mixin and the view that processes a
// form, the model-form mixin with the create and update views (the deletion half is delete.ts).
// Every hook may be sync or async: the framework awaits them.
import { BaseView, type HttpRequest, type HttpResponse, HttpResponseRedirect, type Kwargs } from '@manouche/core'
import { frameworkHandlers } from '@manouche/core/internal'
import { type ModelClass, modelMeta, ValidationError } from '@manouche/data'
import { Form, type FormOptions, modelForm } from '@manouche/forms'
import { ContextMixin, TemplateResponseMixin } from './base.js'
import { SingleObjectMixin, SingleObjectTemplateResponseMixin } from './detail.js'
import { editErrors } from './errors.js'
import type { Constructor } from './mixins.js'
import { fillPlaceholders } from './placeholders.js'
import type { Context } from './response.js'

/** A form class an edit view can build: `new formClass({ data, files, initial, prefix, instance })`. */
export type FormClassOf<F extends Form<object> = Form<object>> = new (options?: FormOptions) => F

/** What a hook may return: the value, or a promise of it. */
export type Maybe<T> = T | Promise<T>

/** What `FormMixin` adds to a view. */
export interface FormMixin extends ContextMixin {
  /** The values an unbound form starts from; `getInitial()` hands each request a copy. */
  initial: Readonly<Record<string, unknown>>
  /** The form class to build. */
  formClass: FormClassOf | undefined
  /** Where a valid form redirects. */
  successUrl: string | undefined
  /** The form's prefix (field `name` is sent as `prefix-name`). */
  prefix: string | undefined
  /** A copy of `initial`. Django: get_initial */
  getInitial(): Maybe<Record<string, unknown>>
  /** `prefix`. Django: get_prefix */
  getPrefix(): Maybe<string | undefined>
  /** `formClass`. Django: get_form_class */
  getFormClass(): Maybe<FormClassOf>
  /** A new form of `formClass` (default: `getFormClass()`) built with `getFormKwargs()`. Django: get_form */
  getForm(formClass?: FormClassOf): Maybe<Form<object>>
  /** `{ initial, prefix }`, plus `data` and `files` on POST and PUT. Django: get_form_kwargs */
  getFormKwargs(): Maybe<FormOptions>
  /** `successUrl` as it is. Django: get_success_url */
  getSuccessUrl(): Maybe<string>
  /** Redirect to `getSuccessUrl()`. Django: form_valid */
  formValid(form: Form<object>): Maybe<HttpResponse>
  /** Render the page again with the bound form and its errors. Django: form_invalid */
  formInvalid(form: Form<object>): Maybe<HttpResponse>
  /** Render the context into a response (TemplateResponseMixin supplies it). */
  renderToResponse(context: Context): Maybe<HttpResponse>
}

/**
 * Build a form for the request, bound to the body on POST and PUT; redirect to `successUrl` when
 * it is valid, render it again with its errors when not; `form` is in the context. Django: FormMixin
 */
export function FormMixin<TBase extends Constructor<BaseView & ContextMixin>>(
  Base: TBase,
): TBase & Constructor<FormMixin> {
  abstract class FormMixinImpl extends Base implements FormMixin {
    initial: Readonly<Record<string, unknown>> = {}
    formClass: FormClassOf | undefined = undefined
    successUrl: string | undefined = undefined
    prefix: string | undefined = undefined

    abstract renderToResponse(context: Context): Maybe<HttpResponse>

    getInitial(): Maybe<Record<string, unknown>> {
      return { ...this.initial }
    }

    getPrefix(): Maybe<string | undefined> {
      return this.prefix
    }

    getFormClass(): Maybe<FormClassOf> {
      if (!this.formClass) throw editErrors.noFormClass(this.constructor.name)
      return this.formClass
    }

    async getForm(formClass?: FormClassOf): Promise<Form<object>> {
      const Class = formClass ?? (await this.getFormClass())
      return new Class(await this.getFormKwargs())
    }

    async getFormKwargs(): Promise<FormOptions> {
      const kwargs: FormOptions = { initial: await this.getInitial() }
      const prefix = await this.getPrefix()
      if (prefix !== undefined) kwargs.prefix = prefix
      const { method } = this.request
      if (method === 'POST' || method === 'PUT') {
        kwargs.data = bodyFields(this.request.body)
        kwargs.files = this.request.files
      }
      return kwargs
    }

    getSuccessUrl(): Maybe<string> {
      if (!this.successUrl) throw editErrors.noSuccessUrl()
      return this.successUrl
    }

    async formValid(_form: Form<object>): Promise<HttpResponse> {
      return new HttpResponseRedirect(await this.getSuccessUrl())
    }

    async formInvalid(form: Form<object>): Promise<HttpResponse> {
      return this.renderToResponse(await this.getContextData({ form }))
    }

    /** `form` (a new one from `getForm()` unless given), then the rest of the context. Django: FormMixin.get_context_data */
    override async getContextData(kwargs: Context = {}): Promise<Context> {
      const context = 'form' in kwargs ? kwargs : { ...kwargs, form: await this.getForm() }
      return super.getContextData(context)
    }
  }
  return FormMixinImpl
}

/** What the body gives a form: the parsed fields of a form or JSON object, else nothing (Django's empty POST). */
function bodyFields(body: unknown): Readonly<Record<string, unknown>> {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
  return isObject ? (body as Record<string, unknown>) : {}
}

/** What `ProcessFormView` adds to a view. */
export interface ProcessFormView {
  /** Render the page with an unbound form. */
  get(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse>
  /** Bind the form to the body and call `formValid()` or `formInvalid()`. */
  post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse>
  /** As `post()`. */
  put(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse>
}

/**
 * GET renders an unbound form; POST and PUT bind the body and hand the form to `formValid()` or
 * `formInvalid()`. Django: ProcessFormView
 */
export function ProcessFormView<TBase extends Constructor<BaseView & FormMixin>>(
  Base: TBase,
): TBase & Constructor<ProcessFormView> {
  abstract class ProcessFormViewImpl extends Base implements ProcessFormView {
    async get(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
      return this.renderToResponse(await this.getContextData())
    }

    async post(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
      const form = await this.getForm()
      return (await form.isValid()) ? this.formValid(form) : this.formInvalid(form)
    }

    async put(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
      return this.post(request, kwargs)
    }
  }
  frameworkHandlers(ProcessFormViewImpl, 'get', 'post', 'put')
  return ProcessFormViewImpl
}

// TypeScript's mixins drop type parameters; these casts give them back so views are generic over T.
export type ViewStatics = Omit<typeof BaseView, 'prototype'>

/** A form view without a template: subclasses supply `renderToResponse()`. Django: BaseFormView */
export abstract class BaseFormView extends ProcessFormView(FormMixin(ContextMixin(BaseView))) {}

/** Show a form on GET, process it on POST: `formClass`, `templateName`, `successUrl`. Django: FormView */
export class FormView extends TemplateResponseMixin(BaseFormView) {}

/** What `ModelFormMixin` adds to a view editing `T`s. */
export interface ModelFormMixin<T = unknown> extends FormMixin, SingleObjectMixin<T> {
  /** The model fields the form edits, or `'__all__'`; required unless `formClass` is given. */
  fields: readonly string[] | '__all__' | undefined
}

/**
 * Build a `modelForm()` of the view's model from `fields` (or use `formClass`), save it when
 * valid and redirect to `successUrl` (its `{field}` placeholders filled from the saved object) or
 * the object's `getAbsoluteUrl()`. Django: ModelFormMixin
 */
export function ModelFormMixin<TBase extends Constructor<BaseView & FormMixin & SingleObjectMixin>>(
  Base: TBase,
): TBase & Constructor<ModelFormMixin> {
  abstract class ModelFormMixinImpl extends Base implements ModelFormMixin {
    fields: readonly string[] | '__all__' | undefined = undefined

    override getFormClass(): Maybe<FormClassOf> {
      if (this.fields !== undefined && this.formClass) throw editErrors.fieldsAndFormClass()
      if (this.formClass) return this.formClass
      const model = this.model ?? modelMeta(this.object)?.modelClass ?? this.getQueryset().model?.modelClass
      if (this.fields === undefined) throw editErrors.noFields(this.constructor.name)
      return modelFormOf(this.constructor, model as ModelClass<object>, this.fields)
    }

    /** Adds `instance`: the object being edited (none when creating). Django: ModelFormMixin.get_form_kwargs */
    override async getFormKwargs(): Promise<FormOptions> {
      const kwargs = await super.getFormKwargs()
      if (this.object) kwargs.instance = this.object as object
      return kwargs
    }

    override getSuccessUrl(): Maybe<string> {
      if (this.successUrl) return objectUrl(this, this.successUrl)
      const absolute = (this.object as { getAbsoluteUrl?: () => string } | undefined)?.getAbsoluteUrl
      if (typeof absolute !== 'function') throw editErrors.noAbsoluteUrl()
      return absolute.call(this.object)
    }

    /**
     * Save the form through the view's QuerySet, keep the object as `this.object`, redirect; a
     * `ValidationError` from the save (a unique value taken) renders the form again with it.
     * Django: ModelFormMixin.form_valid
     */
    override async formValid(form: Form<object>): Promise<HttpResponse> {
      try {
        this.object = await (form as SavableForm).save(this.getQueryset())
      } catch (error) {
        if (error instanceof ValidationError) return this.formInvalid(form)
        throw error
      }
      return super.formValid(form)
    }
  }
  return ModelFormMixinImpl
}

const MODEL_FORMS = Symbol('manouche.generic.modelForms')
type ModelForms = Map<ModelClass<object>, Map<string, FormClassOf>>

/**
 * The `modelForm()` of `model` and `fields`, built on a view class's first request and kept on the
 * class (as a form class keeps its field specs): building one reads the model's fields into a
 * schema, far more work than a request should repeat.
 */
function modelFormOf(
  viewClass: Function,
  model: ModelClass<object>,
  fields: readonly string[] | '__all__',
): FormClassOf {
  const owner = viewClass as unknown as Record<symbol, ModelForms>
  if (!Object.hasOwn(owner, MODEL_FORMS)) Object.defineProperty(owner, MODEL_FORMS, { value: new Map() })
  const forModel = owner[MODEL_FORMS].get(model) ?? new Map<string, FormClassOf>()
  owner[MODEL_FORMS].set(model, forModel)
  const key = typeof fields === 'string' ? fields : fields.join('\n')
  const built = forModel.get(key)
  if (built) return built
  const formClass = modelForm(model, { fields }) as unknown as FormClassOf
  forModel.set(key, formClass)
  return formClass
}

/** A form that saves itself through a QuerySet, as `modelForm()`'s do. Django: ModelForm.save */
interface SavableForm extends Form<object> {
  save(queryset: unknown): Promise<unknown>
}

/** `url` with its `{field}` placeholders filled from the view's object. */
export function objectUrl(view: BaseView & SingleObjectMixin, url: string): string {
  const cls = view.constructor.name
  return fillPlaceholders(url, (view.object ?? {}) as object, {
    brace: () => editErrors.successUrlPlaceholder(cls, url, "has an unmatched '{' or '}'."),
    missing: (name) =>
      editErrors.successUrlPlaceholder(
        cls,
        url,
        `has the placeholder {${name}}, but the object has no field '${name}'.`,
      ),
  })
}

const BaseCreateViewBase = ProcessFormView(
  ModelFormMixin(FormMixin(SingleObjectMixin(ContextMixin(BaseView)))),
) as unknown as ViewStatics & (abstract new <T>(...args: unknown[]) => BaseView & ModelFormMixin<T> & ProcessFormView)

/** Create an object from a form; subclasses supply `renderToResponse()`. Django: BaseCreateView */
export abstract class BaseCreateView<T = unknown> extends BaseCreateViewBase<T> {
  override get(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    this.object = undefined
    return super.get(request, kwargs)
  }

  override post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    this.object = undefined
    return super.post(request, kwargs)
  }
}
frameworkHandlers(BaseCreateView, 'get', 'post')

/** `SingleObjectTemplateResponseMixin(TemplateResponseMixin(Base))`, for the concrete model views. */
export const templated = <V>(Base: V) =>
  SingleObjectTemplateResponseMixin(TemplateResponseMixin(Base as unknown as Constructor<BaseView & SingleObjectMixin>))

const CreateViewBase = templated(BaseCreateView) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseCreateView<T> & TemplateResponseMixin & SingleObjectTemplateResponseMixin)

/**
 * Show an empty form for a new object and create it on POST: `class BookCreate extends
 * CreateView<Book> { model = Book; fields = ['title'] }` renders `books/book_form.html`. Django: CreateView
 */
export class CreateView<T = unknown> extends CreateViewBase<T> {
  override templateNameSuffix = '_form'
}

/** Update the object the URL names from a form; subclasses supply `renderToResponse()`. Django: BaseUpdateView */
export abstract class BaseUpdateView<T = unknown> extends BaseCreateViewBase<T> {
  override async get(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    this.object = await this.getObject()
    return super.get(request, kwargs)
  }

  override async post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    this.object = await this.getObject()
    return super.post(request, kwargs)
  }
}
frameworkHandlers(BaseUpdateView, 'get', 'post')

const UpdateViewBase = templated(BaseUpdateView) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseUpdateView<T> & TemplateResponseMixin & SingleObjectTemplateResponseMixin)

/** Show the object the URL names in a form and save it on POST; renders `books/book_form.html`. Django: UpdateView */
export class UpdateView<T = unknown> extends UpdateViewBase<T> {
  override templateNameSuffix = '_form'
}
