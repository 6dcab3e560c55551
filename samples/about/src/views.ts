import { Template, View } from '@manouche/core'
import { type Context, TemplateView } from '@manouche/generic'

/**
 * The seed's second form: subclass TemplateView and give it its template. `@View` routes it,
 * `@Template` sets `templateName`. Django: class AboutView(TemplateView): template_name = "about.html"
 */
@View('/about-us/', { name: 'about-us' })
@Template('about.html')
export class AboutView extends TemplateView {
  /** The team, added to what TemplateView passes (the view and the route kwargs). */
  override async getContextData(kwargs?: Context): Promise<Context> {
    const context = await super.getContextData(kwargs)
    return { ...context, team: ['Django', 'Stéphane'] }
  }
}
