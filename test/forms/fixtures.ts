// Forms and models the forms tests share.
import { Field, Model, ValidationError } from '@manouche/data'
import { Form } from '@manouche/forms'
import { z } from 'zod'

const contact = z.object({
  name: z.string().min(1, 'Enter your name.'),
  email: z.email('Enter a valid email address.'),
  message: z.string().max(500, 'Keep it under 500 characters.'),
  copy: z.boolean().optional(),
})

/** Django's ContactForm, on a zod schema. */
export class ContactForm extends Form<z.infer<typeof contact>> {
  static override schema = contact
  static override widgets = { message: 'textarea' } as const
}

const booking = z
  .object({ start: z.iso.date(), end: z.iso.date(), guests: z.number().int().min(1) })
  .refine((value) => value.end >= value.start, 'The stay must end after it starts.')

/** A form whose schema checks two fields together: that message belongs to the whole form. */
export class BookingForm extends Form<z.infer<typeof booking>> {
  static override schema = booking
}

const signup = z.object({ username: z.string().min(1), password: z.string(), password2: z.string() })

/** A form with Django's clean() hook: the passwords must match. */
export class SignupForm extends Form<z.infer<typeof signup>> {
  static override schema = signup
  static override labels = { password2: 'Password (again)' }
  static override widgets = { password: 'password', password2: 'password' } as const

  protected override clean(data: z.infer<typeof signup>): void {
    if (data.password !== data.password2) this.addError('password2', 'The two passwords differ.')
    if (data.username === 'root') throw new ValidationError({ __all__: ['That name is reserved.'] })
  }
}

@Model({ app: 'library' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field({ maxLength: 20 }) title!: string
  @Field({ type: 'integer' }) pages!: number
  @Field({ type: 'number', nullable: true }) price!: number | null
  @Field() inPrint!: boolean
  @Field() publicationDate!: Date
  @Field({ type: 'date', nullable: true }) updatedAt!: Date | null
  @Field({ choices: [['fr', 'French'], ['en', 'English'], 'de'], default: 'fr' }) language!: string
  @Field({ type: 'string', nullable: true }) notes!: string | null
}
