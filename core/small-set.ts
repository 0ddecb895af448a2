/**
 * Sets and maps for the engine's per-agent and per-chat collections, which hold a handful of
 * members (an agent's offers, chats and wrap-ups are bounded by its capacity; a chat's exclusions by
 * the agents that missed it in one visit). They keep their members in arrays, searched linearly,
 * which for a few members is cheaper to create, probe and change than a hash table; past
 * `ARRAY_LIMIT` members a set moves to a real `Set`, so a pathological case stays linear overall.
 * Both keep insertion order, like `Set` and `Map`, and offer the part of their API the engine and
 * its readers use.
 */

/** Members kept in the array before a set switches to a hash set. */
const ARRAY_LIMIT = 16

/** Position of `x` in `xs`, or -1 (a plain loop: cheaper than the builtin for a few members). */
const find = <T>(xs: Array<T>, x: T): number => {
  for (let i = 0; i < xs.length; i++) if (xs[i] === x) return i
  return -1
}

/** Remove position `i`, keeping the order of the rest. */
const removeAt = <T>(xs: Array<T>, i: number): void => {
  for (let j = i + 1; j < xs.length; j++) xs[j - 1] = xs[j]!
  xs.pop()
}

/** The empty members of every new set, replaced by its own array at the first `add`. */
const NONE: Array<never> = []

export class SmallSet<T> implements Iterable<T> {
  private items: Array<T> = NONE
  private hashed: Set<T> | undefined = undefined

  get size(): number {
    return this.hashed === undefined ? this.items.length : this.hashed.size
  }

  has(x: T): boolean {
    return this.hashed === undefined ? find(this.items, x) >= 0 : this.hashed.has(x)
  }

  add(x: T): this {
    if (this.hashed !== undefined) this.hashed.add(x)
    else if (this.items === NONE) this.items = [x]
    else if (find(this.items, x) < 0) {
      this.items.push(x)
      if (this.items.length > ARRAY_LIMIT) {
        this.hashed = new Set(this.items)
        this.items = NONE
      }
    }
    return this
  }

  delete(x: T): boolean {
    if (this.hashed !== undefined) return this.hashed.delete(x)
    const i = find(this.items, x)
    if (i < 0) return false
    removeAt(this.items, i)
    return true
  }

  clear(): void {
    this.items = NONE
    this.hashed = undefined
  }

  values(): IterableIterator<T> {
    return this.hashed === undefined ? this.items.values() : this.hashed.values()
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.values()
  }
}

/** A map over a few keys (an agent's wrap-ups), in two parallel arrays. */
export class SmallMap<K, V> implements Iterable<[K, V]> {
  private readonly ks: Array<K> = []
  private readonly vs: Array<V> = []

  get size(): number {
    return this.ks.length
  }

  has(k: K): boolean {
    return find(this.ks, k) >= 0
  }

  get(k: K): V | undefined {
    const i = find(this.ks, k)
    return i < 0 ? undefined : this.vs[i]
  }

  set(k: K, v: V): this {
    const i = find(this.ks, k)
    if (i >= 0) this.vs[i] = v
    else {
      this.ks.push(k)
      this.vs.push(v)
    }
    return this
  }

  delete(k: K): boolean {
    const i = find(this.ks, k)
    if (i < 0) return false
    removeAt(this.ks, i)
    removeAt(this.vs, i)
    return true
  }

  keys(): IterableIterator<K> {
    return this.ks.values()
  }

  values(): IterableIterator<V> {
    return this.vs.values()
  }

  *entries(): IterableIterator<[K, V]> {
    for (let i = 0; i < this.ks.length; i++) yield [this.ks[i]!, this.vs[i]!]
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries()
  }
}
