import { path } from '@manouche/core'
import { TemplateView } from '@manouche/generic'

/** The seed's first form: TemplateView configured in the URLconf. Django: path("about/", TemplateView.as_view(...)) */
export const urlpatterns = [path('about/', TemplateView.asView({ templateName: 'about.html' }), { name: 'about' })]
