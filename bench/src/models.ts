// The bench's model: the reference's `books` table as a Manouche user declares it.
import { Field, Model } from 'manouche'

/** A book; `publicationDate` is the `publication_date` column (snake_case by default). */
@Model({ app: 'books', table: 'books' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field() title!: string
  @Field() author!: string
  @Field({ index: true }) publicationDate!: Date
}
