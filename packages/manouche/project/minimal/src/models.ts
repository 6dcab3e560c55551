import { Field, Model } from 'manouche'

/** A note: table `notes_note`, templates under `notes/`. */
@Model({ app: 'notes' })
export class Note {
  @Field({ primaryKey: true }) id!: number
  @Field() title!: string
  @Field({ index: true }) createdAt!: Date
}
