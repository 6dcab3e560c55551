// Models used only by the data tests: Review has nullable fields, booleans, a default ordering
// and getLatestBy; its `id` is the implied auto-increment primary key. A `T | null` property
// records no usable design type, so nullable fields name their type.
import { Field, Model } from '@manouche/data'

@Model({ app: 'reviews', ordering: '-rating', getLatestBy: 'postedAt' })
export class Review {
  id!: number
  @Field() book!: string
  @Field({ type: 'number', nullable: true }) rating!: number | null
  @Field({ type: 'date', nullable: true }) postedAt!: Date | null
  @Field() featured!: boolean
}

/** Five reviews; two have no rating, one has no date. */
export function makeReviews(): Review[] {
  return [
    review(1, 'germinal', 5, '2020-01-01', true),
    review(2, 'two-towers', null, null, false),
    review(3, 'the-hobbit', 3, '2021-05-05', false),
    review(4, 'germinal', null, '2019-03-03', true),
    review(5, 'fellowship-of-the-ring', 4, '2022-02-02', false),
  ]
}

function review(id: number, book: string, rating: number | null, date: string | null, featured: boolean): Review {
  const postedAt = date === null ? null : new Date(`${date}T12:00:00Z`)
  return Object.assign(new Review(), { id, book, rating, postedAt, featured })
}
