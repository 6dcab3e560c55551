import { Field, Model } from 'manouche'

/** The bench's book: the same table both apps read (`books_book`). */
@Model({ app: 'books' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field() title!: string
  @Field() author!: string
  @Field() pages!: number
  @Field({ index: true }) publicationDate!: Date
  @Field({ unique: true }) slug!: string
}
