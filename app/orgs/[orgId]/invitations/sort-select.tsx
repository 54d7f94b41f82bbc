"use client";

/**
 * The list's order, applied as soon as it is chosen, as a status filter is: choosing submits the search form,
 * so the order lives in the URL like the rest. Without JavaScript the Search button still applies it.
 */
export function SortSelect({ value }: { value: string }) {
  return (
    <select id="sort" name="sort" defaultValue={value} onChange={(event) => event.currentTarget.form?.requestSubmit()} className="mt-1 rounded border border-zinc-400 px-2 py-1.5">
      <option value="created">Newest first</option>
      <option value="expires">Expiring soonest</option>
    </select>
  );
}
