/** Errors under a field, announced as they appear. The id lets the input point at it (aria-describedby). */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.map((error) => <p key={error}>{error}</p>)}
    </div>
  );
}
