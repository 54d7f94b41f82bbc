/**
 * Which page to show of `total` items: a page past the end is the last page, and an empty list has one,
 * empty, page. `page` and the result are 0-based.
 */
export function pageWindow(total: number, perPage: number, page: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const shown = Math.min(Math.max(0, page), pages - 1);
  return { page: shown, pages, offset: shown * perPage };
}
