// The public surface of @manouche/generic, grouped by source file.

export { ContextMixin, RedirectView, TemplateResponseMixin, TemplateView } from './base.js'
export {
  ArchiveIndexView,
  BaseDateListView,
  DateDetailView,
  type DatedItems,
  DateMixin,
  DayArchiveView,
  DayMixin,
  MonthArchiveView,
  MonthMixin,
  TodayArchiveView,
  WeekArchiveView,
  WeekMixin,
  YearArchiveView,
  YearMixin,
} from './dates.js'
export { BaseDeleteView, DeleteForm, DeleteView, DeletionMixin } from './delete.js'
export {
  BaseDetailView,
  DetailView,
  SingleObjectMixin,
  SingleObjectTemplateResponseMixin,
} from './detail.js'
export {
  BaseCreateView,
  BaseFormView,
  BaseUpdateView,
  CreateView,
  type FormClassOf,
  FormMixin,
  FormView,
  ModelFormMixin,
  ProcessFormView,
  UpdateView,
} from './edit.js'
export { ContentNotRenderedError, genericErrorCodes } from './errors.js'
export {
  BaseListView,
  ListView,
  MultipleObjectMixin,
  MultipleObjectTemplateResponseMixin,
  type Pagination,
  type PaginatorClass,
} from './list.js'
export type { Constructor } from './mixins.js'
export type { ObjectSource } from './object-source.js'
export {
  type AsyncNumber,
  EmptyPage,
  InvalidPage,
  Page,
  PageNotAnInteger,
  type PageSource,
  Paginator,
  type PaginatorMessages,
  type PaginatorOptions,
  type SliceableSource,
} from './paginator.js'
export { type Context, TemplateResponse, type TemplateResponseClass, type TemplateResponseInit } from './response.js'
