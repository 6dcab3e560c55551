import { Field, Model } from 'manouche'

/** A book of the library: table `books_book`, templates under `books/`. */
@Model({ app: 'books' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field() title!: string
  @Field() author!: string
  @Field() pages!: number
  @Field({ index: true }) publicationDate!: Date
  @Field({ unique: true }) slug!: string
}
