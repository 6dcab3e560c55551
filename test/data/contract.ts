// The QuerySet contract: every backend must give these answers. memory.test.ts and
// sqlite.test.ts run it; a new backend adds a file that calls querySetContract() with its factory.
import type { ModelClass, QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { datesContract } from './contract-dates.js'
import { errorContract } from './contract-errors.js'
import { lookupContract } from './contract-lookups.js'
import { orderingContract } from './contract-ordering.js'
import { valuesListContract } from './contract-values.js'
import { writeContract } from './contract-writes.js'

/** A backend under test: makes a QuerySet of `model` holding exactly `rows`. */
export interface Backend {
  readonly name: string
  make<T>(model: ModelClass<T>, rows: readonly T[]): Promise<QuerySet<T>>
  /** `db.atomic()` of the database `make` used last; absent for a backend without transactions. */
  readonly atomic?: <R>(work: () => Promise<R>) => Promise<R>
}

/** Register the whole contract for one backend. */
export function querySetContract(backend: Backend): void {
  describe(`QuerySet contract (${backend.name})`, () => {
    lookupContract(backend)
    orderingContract(backend)
    errorContract(backend)
    valuesListContract(backend)
    datesContract(backend)
    writeContract(backend)
  })
}

/** The primary keys of a QuerySet's results, in the order it gives them. */
export async function ids(querySet: QuerySet<{ id: number }>): Promise<number[]> {
  return (await querySet.toArray()).map((row) => row.id)
}

/** The primary keys of an unordered QuerySet's results, sorted (its order is not defined). */
export async function idSet(querySet: QuerySet<{ id: number }>): Promise<number[]> {
  return (await ids(querySet)).sort((a, b) => a - b)
}

/** Assert that a promise rejects with an error of `type` whose message is exactly `message`. */
export async function rejects(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => Error,
  message: string,
) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error, 'expected a rejection').to.be.instanceOf(type)
  expect((error as Error).message).to.equal(message)
  return error as Error
}
