// The last answer a view asked the engine for, by a key naming the question (the
// profile ids, sample type, granularity, ...). A view switched back to, with
// nothing changed, redraws from it without asking again: switching tabs costs a
// redraw, not a recomputation. One answer per memo, so a view holds at most its
// own table and first flame window.
export class LastAnswer<T> {
  private key = '';
  private value: Promise<T> | null = null;

  /** The answer to `key`: the kept one, or `ask()`'s (kept unless it fails). */
  get(key: string, ask: () => Promise<T>): Promise<T> {
    if (key === this.key && this.value) return this.value;
    const value = ask();
    this.key = key;
    this.value = value;
    value.catch(() => {
      if (this.value === value) this.value = null;
    });
    return value;
  }

  /** Whether `key` is the question answered last. */
  has(key: string): boolean {
    return this.key === key && !!this.value;
  }
}
