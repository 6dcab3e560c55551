// MemoryQuerySet: the contract, plus what only a memory QuerySet does (no model, live arrays).
import { ImproperlyConfigured } from '@manouche/core'
import { FieldError, MemoryQuerySet, type ModelClass } from '@manouche/data'
import { expect } from 'chai'
import { querySetContract } from './contract.js'

querySetContract({
  name: 'MemoryQuerySet',
  make: async <T>(model: ModelClass<T>, rows: readonly T[]) => new MemoryQuerySet([...rows], { model }),
})

describe('MemoryQuerySet', () => {
  const people = () => [
    { id: 2, name: 'Ada', born: 1815 },
    { id: 1, name: 'Alan', born: 1912 },
    { id: 3, name: 'Grace', born: null },
  ]

  describe('without a model', () => {
    it('filters and orders by any property', async () => {
      const qs = new MemoryQuerySet(people())
      expect((await qs.filter({ name__startswith: 'A' }).orderBy('-born').toArray()).map((p) => p.name)).to.deep.equal([
        'Alan',
        'Ada',
      ])
      expect(await qs.filter({ nickname: 'x' }).count()).to.equal(0)
    })

    it('reads pk as id', async () => {
      const qs = new MemoryQuerySet(people())
      expect((await qs.get({ pk: 1 })).name).to.equal('Alan')
      expect((await qs.first())?.name).to.equal('Alan')
    })

    it('keeps the input order when unordered', async () => {
      expect((await new MemoryQuerySet(people()).toArray()).map((p) => p.id)).to.deep.equal([2, 1, 3])
    })

    it('still refuses unknown lookups', () => {
      expect(() => new MemoryQuerySet(people()).filter({ name__like: 'A%' })).to.throw(
        FieldError,
        "Unsupported lookup 'like' for field 'name'.",
      )
    })

    it('gives valuesList() of any property: pk reads id, a missing one is null, none means every one', async () => {
      const qs = new MemoryQuerySet(people())
      expect(await qs.orderBy('born').valuesList('name', 'born').toArray()).to.deep.equal([
        ['Grace', null],
        ['Ada', 1815],
        ['Alan', 1912],
      ])
      expect(await qs.valuesList('pk', { flat: true }).toArray()).to.deep.equal([2, 1, 3])
      expect(await qs.filter({ name: 'Ada' }).valuesList('nickname', 'name').first()).to.deep.equal([null, 'Ada'])
      expect(await qs.valuesList('nickname', { flat: true }).last()).to.equal(null)
      expect(await qs.filter({ pk: 1 }).valuesList().toArray()).to.deep.equal([[1, 'Alan', 1912]])
      expect(() => qs.valuesList('name', 'born', { flat: true })).to.throw(
        TypeError,
        "'flat' is not valid when values_list is called with more than one field.",
      )
    })

    it('has no model and is not ordered', () => {
      const qs = new MemoryQuerySet(people())
      expect(qs.model).to.equal(undefined)
      expect(qs.ordered).to.equal(false)
    })
  })

  it('reads its array when evaluated, as a database reads its table', async () => {
    const items = people()
    const qs = new MemoryQuerySet(items).filter({ born__isnull: false })
    items.push({ id: 4, name: 'Barbara', born: 1939 })
    expect(await qs.count()).to.equal(3)
  })

  it('accepts any iterable', async () => {
    const generated = (function* () {
      yield { id: 1 }
      yield { id: 2 }
    })()
    const qs = new MemoryQuerySet(generated)
    expect(await qs.count()).to.equal(2)
    expect(await qs.count()).to.equal(2)
  })

  it('refuses a model class that is no @Model', () => {
    class Plain {}
    expect(() => new MemoryQuerySet([], { model: Plain })).to.throw(
      ImproperlyConfigured,
      "Plain is not a model: decorate it with @Model({ app: '...' }).",
    )
  })
})
