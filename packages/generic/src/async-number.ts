// A value that is a method while it is being learnt and a number once known: Paginator's `count`
// and `numPages`, which views await and templates print.

/**
 * A number the paginator learns asynchronously: `await paginator.count()` returns it, and once it
 * is known the same property reads as that number wherever JavaScript converts it (`<%= %>`,
 * `>`, `+`, `==`, `JSON.stringify`). Compare it with `==`, not `===`, or convert it with `Number()`.
 * Reading it as a number before it is known throws a TypeError saying what to await.
 */
export interface AsyncNumber {
  (): Promise<number>
  valueOf(): number
  toJSON(): number
  [Symbol.toPrimitive](hint: string): number | string
}

const READ = Symbol('read')
type Readable = { [READ](): number }

// Shared by every AsyncNumber: the conversions read the value through the function's READ slot.
const numberLike = {
  valueOf(this: Readable): number {
    return this[READ]()
  },
  toString(this: Readable): string {
    return String(this[READ]())
  },
  toJSON(this: Readable): number {
    return this[READ]()
  },
  [Symbol.toPrimitive](this: Readable, hint: string): number | string {
    const value = this[READ]()
    return hint === 'string' ? String(value) : value
  },
}

/** Make an AsyncNumber: calling it runs `load`; converting it reads `read()` (which throws while unknown). */
export function asyncNumber(load: () => Promise<number>, read: () => number): AsyncNumber {
  return Object.assign(() => load(), numberLike, { [READ]: read }) as AsyncNumber
}
