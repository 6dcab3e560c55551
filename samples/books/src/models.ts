import { Field, Model } from 'manouche'

/** A book of the library: table `books_book`, templates under `books/`. */
@Model({ app: 'books' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field({ maxLength: 200 }) title!: string
  @Field({ maxLength: 100 }) author!: string
  @Field({ type: 'integer' }) pages!: number
  @Field({ index: true }) publicationDate!: Date
  @Field({ unique: true, maxLength: 220 }) slug!: string
  /** When the book was last written (as Django's `auto_now`): the views stamp it on every save. */
  @Field({ type: 'date' }) updatedAt!: Date
}

/**
 * When the library last changed: one row, stamped by every add, edit and delete, so that the
 * list's Last-Modified moves even when a delete takes away the newest book.
 */
@Model({ app: 'books' })
export class LibraryState {
  @Field({ primaryKey: true }) id!: number
  @Field({ type: 'date' }) changedAt!: Date
}

/** The pk of the one LibraryState row. */
export const LIBRARY = 1
