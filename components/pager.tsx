import Link from "next/link";
import { pagerItems } from "@/lib/format/paging";

/**
 * "Previous page · 1 2 3 … 10 · Next page · Page X of Y", the current page marked for assistive technology
 * too (aria-current); `href` takes a 0-based page.
 */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const unavailable = (text: string) => (
    <span className="text-zinc-600" aria-disabled="true">
      {text}
    </span>
  );
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-3">
      {page > 0 ? <Link prefetch={false} href={href(page - 1)}>Previous page</Link> : unavailable("Previous page")}
      <ol className="flex flex-wrap items-center gap-1" data-testid="page-numbers">
        {pagerItems(page, pages).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-zinc-600">…</li>
          ) : (
            <li key={item}>
              <Link
                prefetch={false}
                href={href(item)}
                aria-current={item === page ? "page" : undefined}
                className={`inline-block min-w-8 rounded px-2 py-1 text-center tabular-nums ${item === page ? "bg-blue-700 font-semibold text-white no-underline" : ""}`}
              >
                <span className="sr-only">Page </span>
                {item + 1}
              </Link>
            </li>
          ),
        )}
      </ol>
      {page + 1 < pages ? <Link prefetch={false} href={href(page + 1)}>Next page</Link> : unavailable("Next page")}
      <span className="text-sm text-zinc-700">
        Page {page + 1} of {pages}
      </span>
    </nav>
  );
}
