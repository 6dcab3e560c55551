// @Model, @Field and modelMeta(): the names and fields a model declares, and the mistakes refused.
import { ImproperlyConfigured } from '@manouche/core'
import { Field, Model, modelMeta } from '@manouche/data'
import { expect } from 'chai'
import { Book } from '../fixtures/books.js'
import { Review } from './models.js'

describe('@Model', () => {
  describe('modelMeta()', () => {
    it("gives a model's app, names, table and primary key", () => {
      const meta = modelMeta(Book)
      expect(meta).to.include({
        app: 'books',
        name: 'book',
        objectName: 'Book',
        verboseName: 'book',
        verboseNamePlural: 'books',
        table: 'books_book',
        pk: 'id',
        modelClass: Book,
      })
    })

    it('lists the fields with their types, columns and constraints', () => {
      const fields = modelMeta(Review)?.fields.map((f) => [f.name, f.type, f.column, f.nullable, f.primaryKey])
      expect(fields).to.deep.equal([
        ['id', 'integer', 'id', false, true],
        ['book', 'string', 'book', false, false],
        ['rating', 'number', 'rating', true, false],
        ['postedAt', 'date', 'posted_at', true, false],
        ['featured', 'boolean', 'featured', false, false],
      ])
    })

    it('reads design types: String, Number, Boolean and Date', () => {
      const types = modelMeta(Book)?.fields.map((f) => f.type)
      expect(types).to.deep.equal(['integer', 'string', 'string', 'number', 'date', 'string'])
    })

    it('finds the meta from an instance, and nothing for other values', () => {
      expect(modelMeta(new Book())).to.equal(modelMeta(Book))
      expect(modelMeta({})).to.equal(undefined)
      expect(modelMeta(undefined)).to.equal(undefined)
      expect(modelMeta(class Plain {})).to.equal(undefined)
    })

    it('keeps the default ordering and getLatestBy as lists', () => {
      expect(modelMeta(Review)?.ordering).to.deep.equal(['-rating'])
      expect(modelMeta(Review)?.getLatestBy).to.deep.equal(['postedAt'])
      expect(modelMeta(Book)?.ordering).to.equal(undefined)
    })
  })

  describe('options', () => {
    it('splits verbose names on camel case and takes explicit ones', () => {
      @Model({ app: 'art' })
      class ProfessionalArtist {
        @Field() name!: string
      }
      @Model({ app: 'art', table: 'people', verboseName: 'person', verboseNamePlural: 'people' })
      class Person {
        @Field() name!: string
      }
      expect(modelMeta(ProfessionalArtist)).to.include({
        verboseName: 'professional artist',
        table: 'art_professionalartist',
      })
      expect(modelMeta(Person)).to.include({ verboseName: 'person', verboseNamePlural: 'people', table: 'people' })
    })

    it('takes an explicit primary key and column names', () => {
      @Model({ app: 'shop' })
      class Product {
        @Field({ primaryKey: true }) sku!: string
        @Field({ column: 'label' }) name!: string
        @Field({ type: 'integer' }) stock!: number
      }
      const meta = modelMeta(Product)
      expect(meta?.pk).to.equal('sku')
      expect(meta?.fields.map((f) => [f.name, f.column, f.type, f.autoIncrement])).to.deep.equal([
        ['sku', 'sku', 'string', false],
        ['name', 'label', 'string', false],
        ['stock', 'stock', 'integer', false],
      ])
    })

    it('inherits the fields of a base class', () => {
      class Timestamped {
        @Field() created!: Date
      }
      @Model({ app: 'blog' })
      class Post extends Timestamped {
        @Field() title!: string
      }
      expect(modelMeta(Post)?.fields.map((f) => f.name)).to.deep.equal(['id', 'created', 'title'])
    })
  })

  describe('mistakes', () => {
    function declare(define: () => unknown): () => unknown {
      return define
    }

    it('refuses a missing or odd app label', () => {
      const noApp = declare(() => {
        @Model({ app: 'my-app' })
        class Thing {}
        return Thing
      })
      expect(noApp).to.throw(
        ImproperlyConfigured,
        "Thing: @Model needs an 'app' label made of letters, digits and underscores.",
      )
    })

    it('refuses a field whose type TypeScript did not record', () => {
      const nullable = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field({ nullable: true }) size!: number | null
        }
        return Thing
      })
      expect(nullable).to.throw(
        ImproperlyConfigured,
        "Thing: field 'size' needs a type (TypeScript recorded Object): use @Field({ type: ... }).",
      )
    })

    it('refuses two primary keys, pk as a name, and a plain id field', () => {
      const twoKeys = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field({ primaryKey: true }) a!: number
          @Field({ primaryKey: true }) b!: number
        }
        return Thing
      })
      const pkName = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field() pk!: number
        }
        return Thing
      })
      const plainId = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field() id!: number
        }
        return Thing
      })
      expect(twoKeys).to.throw(ImproperlyConfigured, 'Thing: declares more than one primary key: a, b.')
      expect(pkName).to.throw(
        ImproperlyConfigured,
        "Thing: 'pk' is a reserved word that cannot be used as a field name.",
      )
      expect(plainId).to.throw(
        ImproperlyConfigured,
        "Thing: 'id' can only be used as a field name if the field also sets 'primaryKey: true'.",
      )
    })

    it('refuses an unknown type, a name with "__" and an ordering by no field', () => {
      const badType = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field({ type: 'money' as 'number' }) price!: number
        }
        return Thing
      })
      const dunder = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field() first__name!: string
        }
        return Thing
      })
      const ordering = declare(() => {
        @Model({ app: 'a', ordering: ['-nope'] })
        class Thing {
          @Field() name!: string
        }
        return Thing
      })
      expect(badType).to.throw(ImproperlyConfigured, "field 'price' has type 'money'; choose one of string, integer")
      expect(dunder).to.throw(ImproperlyConfigured, `field 'first__name' must be an identifier without "__".`)
      expect(ordering).to.throw(ImproperlyConfigured, "Thing: 'ordering' refers to the nonexistent field 'nope'.")
    })

    it('refuses table and column names that are not identifiers', () => {
      const table = declare(() => {
        @Model({ app: 'a', table: 'x"; drop table y' })
        class Thing {}
        return Thing
      })
      const column = declare(() => {
        @Model({ app: 'a' })
        class Thing {
          @Field({ column: 'a b' }) name!: string
        }
        return Thing
      })
      expect(table).to.throw(ImproperlyConfigured, `Thing: table 'x"; drop table y' must be a name (or schema.name)`)
      expect(column).to.throw(ImproperlyConfigured, "Thing: column 'a b' of field 'name' must be made of letters")
    })
  })
})

describe('default verbose names', () => {
  it("turn class names into Django's verbose names", () => {
    const verboseName = (model: new () => object) => modelMeta(model)?.verboseName
    @Model({ app: 'logs' })
    class HTTPRequestLog {
      @Field({ primaryKey: true }) id!: number
    }
    @Model({ app: 'art' })
    class ProfessionalArtist {
      @Field({ primaryKey: true }) id!: number
    }
    expect(verboseName(Book)).to.equal('book')
    expect(verboseName(ProfessionalArtist)).to.equal('professional artist')
    expect(verboseName(HTTPRequestLog)).to.equal('http request log')
  })
})
