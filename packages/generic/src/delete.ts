// The deletion half of Django's django/views/generic/edit.py: the mixin that deletes the object
// the URL names, and Django 4's form-based delete view built on it and FormMixin.
import { BaseView, type HttpRequest, type HttpResponse, HttpResponseRedirect, type Kwargs } from '@manouche/core'
import { frameworkHandlers } from '@manouche/core/internal'
import { modelMeta } from '@manouche/data'
import { Form } from '@manouche/forms'
import type { TemplateResponseMixin } from './base.js'
import { BaseDetailView, type SingleObjectMixin, type SingleObjectTemplateResponseMixin } from './detail.js'
import { type FormClassOf, FormMixin, type Maybe, objectUrl, templated, type ViewStatics } from './edit.js'
import { detailErrors, editErrors } from './errors.js'
import type { Constructor } from './mixins.js'

/** What `DeletionMixin` adds to a view. */
export interface DeletionMixin {
  /** Where to go once the object is deleted; `{field}` placeholders are filled from it. */
  successUrl: string | undefined
  /** Delete the object the URL names and redirect, without a form. Django: DeletionMixin.delete */
  delete(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse>
  /** As `delete()`. */
  post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse>
  /** `successUrl` filled from the object (worked out before it is deleted). Django: DeletionMixin.get_success_url */
  getSuccessUrl(): Maybe<string>
}

/** Delete the object the URL names on DELETE (and POST), then redirect to `successUrl`. Django: DeletionMixin */
export function DeletionMixin<TBase extends Constructor<BaseView & SingleObjectMixin>>(
  Base: TBase,
): TBase & Constructor<DeletionMixin> {
  abstract class DeletionMixinImpl extends Base implements DeletionMixin {
    successUrl: string | undefined = undefined

    async delete(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
      this.object = await this.getObject()
      const url = await this.getSuccessUrl()
      await deleteObject(this)
      return new HttpResponseRedirect(url)
    }

    async post(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
      return this.delete(request, kwargs)
    }

    getSuccessUrl(): Maybe<string> {
      if (!this.successUrl) throw editErrors.noSuccessUrl()
      return objectUrl(this, this.successUrl)
    }
  }
  frameworkHandlers(DeletionMixinImpl, 'delete', 'post')
  return DeletionMixinImpl
}

/** Delete `view.object` by its pk; 404 when someone else deleted it first. Django: Model.delete */
async function deleteObject(view: BaseView & SingleObjectMixin): Promise<void> {
  const queryset = view.getQueryset()
  const pkName = queryset.model?.pk ?? modelMeta(view.object)?.pk ?? 'pk'
  const pk = (view.object as Record<string, unknown>)[pkName]
  const deleted = await queryset.filter({ pk }).delete()
  if (deleted === 0) throw detailErrors.notFound(queryset.model?.verboseName ?? 'object', undefined)
}

/** The Standard Schema of a form without fields: whatever is sent is valid and gives `{}`. */
const emptySchema: NonNullable<typeof Form.schema> = {
  '~standard': { version: 1, vendor: 'manouche', validate: () => ({ value: {} }) },
}

/** The confirmation form of a delete view: no fields, valid whenever it is bound. Django: forms.Form() */
export class DeleteForm extends Form {
  static override schema: typeof Form.schema = emptySchema
  static override fields: readonly string[] = []
}

const BaseDeleteViewBase = DeletionMixin(FormMixin(BaseDetailView)) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseDetailView<T> & FormMixin & DeletionMixin)

/**
 * GET shows the object with an unbound confirmation form; POST validates the form, then deletes
 * and redirects; DELETE deletes without a form. Django: BaseDeleteView
 */
export abstract class BaseDeleteView<T = unknown> extends BaseDeleteViewBase<T> {
  override formClass: FormClassOf | undefined = DeleteForm

  override async post(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
    this.object = await this.getObject()
    const form = await this.getForm()
    return (await form.isValid()) ? this.formValid(form) : this.formInvalid(form)
  }

  /** Work out the success URL, delete the object, redirect. Django: BaseDeleteView.form_valid */
  override async formValid(_form: Form<object>): Promise<HttpResponse> {
    const url = await this.getSuccessUrl()
    await deleteObject(this)
    return new HttpResponseRedirect(url)
  }
}
frameworkHandlers(BaseDeleteView, 'post')

const DeleteViewBase = templated(BaseDeleteView) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseDeleteView<T> & TemplateResponseMixin & SingleObjectTemplateResponseMixin)

/** Confirm, then delete the object the URL names; renders `books/book_confirm_delete.html`. Django: DeleteView */
export class DeleteView<T = unknown> extends DeleteViewBase<T> {
  override templateNameSuffix = '_confirm_delete'
}
