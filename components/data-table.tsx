import type { ReactNode } from "react";

/**
 * A table in a labelled region that scrolls sideways and takes focus, so a keyboard can reach columns wider
 * than the screen. `children` are the body's rows.
 */
export function DataTable({ label, caption, headings, busy, children }: { label: string; caption: string; headings: string[]; busy?: boolean; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} aria-busy={busy} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white focus:outline-2 focus:outline-blue-700">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-100">
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2 font-medium">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200">{children}</tbody>
      </table>
    </div>
  );
}
