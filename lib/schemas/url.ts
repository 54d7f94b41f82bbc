import { z } from "zod/mini";

// What pages read from their URL: searchParams may repeat a key; the first value counts.

export type SearchParams = Record<string, string | string[] | undefined>;

export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A page number, 1-based in the URL, 0-based after parsing. Any run of digits is read, however long, so
 * that a page past the end (even ?page=99999999999999999999) shows the last page: the reader clamps it.
 * Anything else is the first page.
 */
export const pageNumberSchema = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => (/^\d+$/.test(value ?? "") ? Math.max(1, Math.min(Number(value), Number.MAX_SAFE_INTEGER)) - 1 : 0)),
);

/** The page sizes a list offers to choose from. */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** A page size from the URL: one of PAGE_SIZES, else (absent, or anything else) `fallback`. */
export const pageSizeSchema = (fallback: PageSize) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined): PageSize => PAGE_SIZES.find((size) => String(size) === value) ?? fallback),
  );
