import Link from "next/link";

/** "Previous page · Page X of Y · Next page"; `href` takes a 0-based page. */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const unavailable = (text: string) => (
    <span className="text-zinc-600" aria-disabled="true">
      {text}
    </span>
  );
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-3">
      {page > 0 ? <Link prefetch={false} href={href(page - 1)}>Previous page</Link> : unavailable("Previous page")}
      <span>
        Page {page + 1} of {pages}
      </span>
      {page + 1 < pages ? <Link prefetch={false} href={href(page + 1)}>Next page</Link> : unavailable("Next page")}
    </nav>
  );
}
