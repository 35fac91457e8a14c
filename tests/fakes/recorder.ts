interface Waiter<T> {
  pred: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_WAIT_MS = 5000;

/** What a fake received, in order, with a way to await the next match. `items` keeps its identity across clear(). */
export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(private readonly what: string) {}

  push(item: T): void {
    this.items.push(item);
    for (const w of this.waiters) {
      if (w.pred(item)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(item);
      }
    }
  }

  /** The first item (already received or still to come) matching `pred`. */
  waitFor(pred: (item: T) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const found = this.items.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        pred,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`No matching ${this.what} within ${timeoutMs} ms; received ${this.items.length}: ${summary(this.items)}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.items.length = 0;
  }

  /** Fails every pending waitFor, so a test does not hang on a closed fake. */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`The ${this.what} fake was closed`));
    }
    this.waiters.clear();
  }
}

function summary(items: unknown[]): string {
  const text = JSON.stringify(items.slice(-5));
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
