/** Every list endpoint answers a page: `?limit=&cursor=` in, `{ items, nextCursor }` out. */
export interface Page<T> {
  items: T[];
  /** Pass as `?cursor=` for the next page; null on the last one. */
  nextCursor: string | null;
}
