import { PAGE_SIZES, type PageSize } from "@/lib/schemas/url";

type Props = {
  id: string;
  label: string;
  /** The list's own address: the choice is a plain GET to it, so it works without JavaScript. */
  action: string;
  size: PageSize;
  /** The rest of the list's query (filter, search, sort), kept; the page is not, so a new size starts at page 1. */
  keep: Record<string, string>;
};

/** "Invitations per page [25 ▾] Show": how many rows a page of a list shows, kept in its URL as `size`. */
export function PageSizeChoice({ id, label, action, size, keep }: Props) {
  return (
    <form action={action} className="mt-4 flex items-end gap-2" data-testid="page-size">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor={id} className="block text-sm font-medium">{label}</label>
        <select key={size} id={id} name="size" defaultValue={String(size)} className="mt-1 rounded border border-zinc-400 bg-white px-2 py-1.5">
          {PAGE_SIZES.map((choice) => (
            <option key={choice} value={choice}>{choice}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Show</button>
    </form>
  );
}
