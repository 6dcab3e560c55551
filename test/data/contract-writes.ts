// Contract, part 5: writes. create / update / delete / getOrCreate / bulkCreate / save give the
// same results on every backend; bad values are a ValidationError before anything is stored, and
// a write that fails stores nothing. atomic() runs where the backend has transactions.
import { Field, Model, type QuerySet, ValidationError } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, idSet, rejects } from './contract.js'

@Model({ app: 'music' })
export class Song {
  id!: number
  @Field({ maxLength: 10 }) title!: string
  @Field({ choices: ['rock', ['jazz', 'Jazz']], default: 'jazz' }) genre!: string
  @Field({ type: 'integer', nullable: true }) plays!: number | null
  @Field({ type: 'date', default: () => new Date('2020-01-01T00:00:00Z') }) added!: Date
  @Field({ default: false }) starred!: boolean
}

const GERMINAL = { title: 'Germinal', author: 'Émile Zola', pages: 592, publicationDate: new Date('1885-03-02') }

/** Expect `promise` to reject with a ValidationError holding exactly `errors`; return its message. */
async function invalid(promise: Promise<unknown>, errors: Record<string, string[]>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error, 'expected a ValidationError').to.be.instanceOf(ValidationError)
  expect((error as ValidationError).errors).to.deep.equal(errors)
  expect((error as ValidationError).statusCode).to.equal(400)
  return (error as Error).message
}

export function writeContract(backend: Backend): void {
  describe('writes', () => {
    let books: QuerySet<Book>
    let songs: QuerySet<Song>
    // Books first: other parts' hooks may have made books already, and a backend may then open a
    // new database for them; songs follow into that database, which atomic() then uses.
    beforeEach(async () => {
      books = await backend.make(Book, makeBooks())
      songs = await backend.make(Song, [])
    })

    describe('create()', () => {
      it('returns an instance with the next pk, defaults filled and a missing nullable field null', async () => {
        const song = await songs.create({ title: 'So What' })
        expect(song).to.be.instanceOf(Song)
        expect({ ...song }).to.deep.equal({
          id: 1,
          title: 'So What',
          genre: 'jazz',
          plays: null,
          added: new Date('2020-01-01T00:00:00Z'),
          starred: false,
        })
        expect({ ...(await songs.get({ pk: 1 })) }).to.deep.equal({ ...song })
        const second = await songs.create({ title: 'Paranoid', genre: 'rock', plays: 3, starred: true })
        expect(second.id).to.equal(2)
      })

      it('numbers after the greatest pk and keeps a pk that is given', async () => {
        expect((await books.create({ ...GERMINAL, slug: 'germinal-2' })).id).to.equal(7)
        expect((await books.create({ ...GERMINAL, id: 20, slug: 'germinal-3' })).id).to.equal(20)
        expect((await books.create({ ...GERMINAL, slug: 'germinal-4' })).id).to.equal(21)
        expect(await books.count()).to.equal(9)
      })

      it('converts what a field can read as its type (a date string, a numeric string)', async () => {
        const song = await songs.create({ title: 'Blue', plays: '12', added: '2024-02-29' })
        expect(song.plays).to.equal(12)
        expect(song.added).to.deep.equal(new Date('2024-02-29T00:00:00Z'))
      })

      it('refuses each bad value with a ValidationError naming the model and field, storing nothing', async () => {
        const message = await invalid(
          songs.create({ title: 'A title far too long', genre: 'polka', plays: 'many', starred: 'maybe', mood: 'x' }),
          {
            mood: ['Unknown field.'],
            title: ['Ensure this value has at most 10 characters (it has 20).'],
            genre: ["Value 'polka' is not a valid choice."],
            plays: ["Expected an integer but got 'many'."],
            starred: ["Expected a boolean but got 'maybe'."],
          },
        )
        expect(message).to.equal(
          'Song.mood: Unknown field.; Song.title: Ensure this value has at most 10 characters (it has 20).; ' +
            "Song.genre: Value 'polka' is not a valid choice.; Song.plays: Expected an integer but got 'many'.; " +
            "Song.starred: Expected a boolean but got 'maybe'.",
        )
        await invalid(songs.create({}), { title: ['This field is required.'] })
        await invalid(songs.create({ title: null } as never), { title: ['This field cannot be null.'] })
        await invalid(songs.create({ title: 42 } as never), { title: ['Expected a string but got 42.'] })
        await invalid(songs.create({ title: 'x', plays: 1.5 }), { plays: ['Expected an integer but got 1.5.'] })
        await invalid(songs.create({ title: 'x', added: '2024-02-30' }), {
          added: ["Expected a date but got '2024-02-30'."],
        })
        expect(await songs.count()).to.equal(0)
      })

      it('gives a ValidationError, not a driver error, for a unique value taken, and stores nothing', async () => {
        const message = await invalid(books.create({ ...GERMINAL, slug: 'germinal' }), {
          slug: ['Book with this slug already exists.'],
        })
        expect(message).to.equal('Book.slug: Book with this slug already exists.')
        await invalid(books.create({ ...GERMINAL, id: 4, slug: 'other' }), {
          id: ['Book with this ID already exists.'],
        })
        expect(await books.count()).to.equal(6)
      })

      it('stores SQL and markup as typed', async () => {
        const title = "'); DROP--"
        await songs.create({ title })
        await songs.create({ title: '<script>' })
        expect(await songs.orderBy('id').valuesList('title', { flat: true }).toArray()).to.deep.equal([
          title,
          '<script>',
        ])
      })

      it('is seen by QuerySets made before it (they are lazy)', async () => {
        const tolkien = books.filter({ author: 'J. R. R. Tolkien' })
        expect(await tolkien.count()).to.equal(4)
        await books.create({ ...GERMINAL, author: 'J. R. R. Tolkien', slug: 'silmarillion' })
        expect(await tolkien.count()).to.equal(5)
        expect((await tolkien.orderBy('-id').first())?.slug).to.equal('silmarillion')
      })
    })

    describe('update()', () => {
      it('changes the matching rows and resolves to their number', async () => {
        expect(await books.filter({ author: 'J. R. R. Tolkien' }).update({ pages: 1 })).to.equal(4)
        expect(await books.filter({ pages: 1 }).count()).to.equal(4)
        expect(await books.filter({ pk: 99 }).update({ pages: 2 })).to.equal(0)
        expect(await books.none().update({ pages: 2 })).to.equal(0)
        expect((await books.get({ pk: 4 })).pages).to.equal(592)
      })

      it('checks only the given fields, refusing unknown ones, and changes nothing when one is bad', async () => {
        await invalid(books.update({ pages: 'many', colour: 'red' }), {
          colour: ['Unknown field.'],
          pages: ["Expected a number but got 'many'."],
        })
        await invalid(books.filter({ pk: 1 }).update({ title: null }), { title: ['This field cannot be null.'] })
        expect(await books.filter({ pages: 592 }).count()).to.equal(1)
      })

      it('gives a ValidationError for a unique value taken, changing nothing', async () => {
        await invalid(books.filter({ pk: 1 }).update({ slug: 'germinal' }), {
          slug: ['Book with this slug already exists.'],
        })
        await invalid(books.filter({ author: 'J. R. R. Tolkien' }).update({ slug: 'same' }), {
          slug: ['Book with this slug already exists.'],
        })
        expect((await books.get({ pk: 1 })).slug).to.equal('fellowship-of-the-ring')
        expect(await books.filter({ pk: 1 }).update({ slug: 'fellowship-of-the-ring' })).to.equal(1)
      })

      it('is refused on a slice', async () => {
        await rejects(
          books.slice(0, 2).update({ pages: 1 }),
          TypeError,
          'Cannot update a query once a slice has been taken.',
        )
      })
    })

    describe('delete()', () => {
      it('deletes the matching rows and resolves to their number', async () => {
        expect(await books.filter({ pages__lt: 400 }).delete()).to.equal(3)
        expect(await idSet(books)).to.deep.equal([1, 3, 4])
        expect(await books.filter({ pk: 2 }).delete()).to.equal(0)
        expect(await books.none().delete()).to.equal(0)
        expect(await books.delete()).to.equal(3)
        expect(await books.count()).to.equal(0)
      })

      it('is refused on a slice', async () => {
        await rejects(books.slice(1).delete(), TypeError, "Cannot use 'limit' or 'offset' with delete().")
        expect(await books.count()).to.equal(6)
      })
    })

    describe('getOrCreate()', () => {
      it('gives the existing object without applying the defaults', async () => {
        const [book, created] = await books.getOrCreate({ slug: 'germinal' }, { pages: 1 })
        expect(created).to.equal(false)
        expect([book.id, book.pages]).to.deep.equal([4, 592])
      })

      it("creates one from the where's exact values and the defaults", async () => {
        const [book, created] = await books.getOrCreate({ slug__exact: 'nana' }, { ...GERMINAL, title: 'Nana' })
        expect(created).to.equal(true)
        expect(book).to.be.instanceOf(Book)
        expect([book.id, book.slug, book.title]).to.deep.equal([7, 'nana', 'Nana'])
        expect((await books.get({ slug: 'nana' })).id).to.equal(7)
      })

      it('gives the unique violation of the new object when no object matches after it', async () => {
        await invalid(books.getOrCreate({ slug: 'germinal', title: 'Nana' }, GERMINAL), {
          slug: ['Book with this slug already exists.'],
        })
        expect(await books.count()).to.equal(6)
        // Inside a transaction too, which goes on after the failed insert.
        if (backend.atomic) {
          await backend.atomic(async () => {
            await books.getOrCreate({ slug: 'germinal', title: 'Nana' }, GERMINAL).catch(() => undefined)
            expect((await books.getOrCreate({ slug: 'nana' }, GERMINAL))[1]).to.equal(true)
          })
          expect(await books.count()).to.equal(7)
        }
      })

      it('refuses bad values of the new object', async () => {
        await invalid(books.getOrCreate({ slug: 'nana' }), {
          title: ['This field is required.'],
          author: ['This field is required.'],
          pages: ['This field is required.'],
          publicationDate: ['This field is required.'],
        })
        expect(await books.count()).to.equal(6)
      })
    })

    describe('bulkCreate()', () => {
      it('inserts every object and resolves to instances with pks', async () => {
        const saved = await songs.bulkCreate([{ title: 'One' }, { title: 'Two' }, { title: 'Ten', id: 10 }])
        expect(saved.map((song) => [song.id, song.title])).to.deep.equal([
          [1, 'One'],
          [2, 'Two'],
          [10, 'Ten'],
        ])
        expect(saved.every((song) => song instanceof Song)).to.equal(true)
        expect((await songs.create({ title: 'Eleven' })).id).to.equal(11)
        expect(await songs.count()).to.equal(4)
        expect(await songs.bulkCreate([])).to.deep.equal([])
      })

      it('stores none when one object is bad or two share a unique value', async () => {
        await invalid(songs.bulkCreate([{ title: 'One' }, { title: 'Too long a title' }]), {
          title: ['Ensure this value has at most 10 characters (it has 16).'],
        })
        await invalid(
          books.bulkCreate([
            { ...GERMINAL, slug: 'a' },
            { ...GERMINAL, slug: 'a' },
          ]),
          { slug: ['Book with this slug already exists.'] },
        )
        expect(await songs.count()).to.equal(0)
        expect(await books.count()).to.equal(6)
      })
    })

    describe('save()', () => {
      it('inserts an object without a pk and sets its pk', async () => {
        const song = Object.assign(new Song(), { title: 'Naima', genre: 'jazz', plays: null, added: new Date(0) })
        song.starred = true
        expect(await songs.save(song)).to.equal(song)
        expect(song.id).to.equal(1)
        expect((await songs.get({ pk: 1 })).starred).to.equal(true)
      })

      it('updates the row of its pk with every field, or inserts it when there is none', async () => {
        const book = await books.get({ pk: 2 })
        book.title = 'Les Deux Tours'
        await books.save(book)
        expect((await books.get({ pk: 2 })).title).to.equal('Les Deux Tours')
        expect(await books.count()).to.equal(6)
        const lost = Object.assign(new Book(), GERMINAL, { id: 40, slug: 'lost' })
        await books.save(lost)
        expect((await books.get({ slug: 'lost' })).id).to.equal(40)
      })

      it('checks the object: a bad value or a unique value taken changes nothing', async () => {
        // A copy: a MemoryQuerySet gives the objects it holds, so changing one changes the store.
        const book = Object.assign(new Book(), await books.get({ pk: 2 }))
        book.slug = 'germinal'
        await invalid(books.save(book), { slug: ['Book with this slug already exists.'] })
        book.pages = Number.NaN
        book.slug = 'two'
        await invalid(books.save(book), { pages: ['Expected a number but got NaN.'] })
        expect((await books.get({ pk: 2 })).slug).to.equal('two-towers')
      })
    })

    if (backend.atomic) {
      const atomic = backend.atomic
      describe('atomic()', () => {
        it('commits what the work wrote, and its reads see it', async () => {
          const result = await atomic(async () => {
            await songs.create({ title: 'In' })
            expect(await songs.count()).to.equal(1)
            return 'done'
          })
          expect(result).to.equal('done')
          expect(await songs.count()).to.equal(1)
        })

        it('rolls back every write of a work that throws, and throws its error again', async () => {
          const boom = new Error('boom')
          const error = await atomic(async () => {
            await songs.create({ title: 'Gone' })
            await books.filter({ pk: 1 }).update({ pages: 1 })
            await books.filter({ pk: 2 }).delete()
            throw boom
          }).catch((reason: unknown) => reason)
          expect(error).to.equal(boom)
          expect(await songs.count()).to.equal(0)
          expect((await books.get({ pk: 1 })).pages).to.equal(423)
          expect(await books.count()).to.equal(6)
        })

        it('makes a nested call a savepoint: its failure undoes it alone', async () => {
          await atomic(async () => {
            await songs.create({ title: 'Kept' })
            const error = await atomic(async () => {
              await songs.create({ title: 'Undone' })
              await songs.create({ title: 'Way too long a title' })
            }).catch((reason: unknown) => reason)
            expect(error).to.be.instanceOf(ValidationError)
            await atomic(async () => {
              await songs.create({ title: 'Inner' })
            })
          })
          expect(await songs.orderBy('id').valuesList('title', { flat: true }).toArray()).to.deep.equal([
            'Kept',
            'Inner',
          ])
        })

        it('rolls back after a unique violation inside it', async () => {
          const error = await atomic(async () => {
            await songs.create({ title: 'Before' })
            await books.create({ ...GERMINAL, slug: 'germinal' })
          }).catch((reason: unknown) => reason)
          expect(error).to.be.instanceOf(ValidationError)
          expect(await songs.count()).to.equal(0)
        })
      })
    }
  })
}
