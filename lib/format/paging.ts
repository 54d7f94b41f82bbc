/**
 * Which page to show of `total` items: a page past the end is the last page, and an empty list has one,
 * empty, page. `page` and the result are 0-based.
 */
export function pageWindow(total: number, perPage: number, page: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const shown = Math.min(Math.max(0, page), pages - 1);
  return { page: shown, pages, offset: shown * perPage };
}

/** A page's number in a pager, or a gap ("…") standing for the pages left out. */
export type PagerItem = number | "gap";

/**
 * The page numbers a pager shows (0-based): all of them when they fit in as many places as a compact pager
 * takes; else the first and the last, and `around` on each side of the current one, the rest becoming gaps.
 * A gap that would hide one page only is that page instead, so "…" always stands for two or more.
 */
export function pagerItems(page: number, pages: number, around = 1): PagerItem[] {
  if (pages <= 0) return [];
  if (pages <= 2 * around + 5) return Array.from({ length: pages }, (_, p) => p);
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = new Set([0, pages - 1]);
  for (let p = current - around; p <= current + around; p++) if (p > 0 && p < pages) shown.add(p);
  const items: PagerItem[] = [];
  let last = -1;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - last === 2) items.push(last + 1);
    else if (p - last > 2) items.push("gap");
    items.push(p);
    last = p;
  }
  return items;
}
