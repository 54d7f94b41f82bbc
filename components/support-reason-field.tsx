/** The reason support staff give for acting on behalf of an organization, asked for in a confirmation. */
export function SupportReasonField({ id }: { id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">Reason for acting on behalf of this organization</label>
      <input id={id} name="reason" required autoFocus className="mt-1 w-full rounded border border-zinc-400 px-3 py-1.5" />
    </div>
  );
}
