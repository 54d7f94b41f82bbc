import Link from "next/link";

/** What a 404 shows: what is missing, and a way on. */
export function NotFoundNotice({ message }: { message: string }) {
  return (
    <section className="space-y-4" data-testid="not-found">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-zinc-700">{message}</p>
      <Link prefetch={false} href="/">Back to your organizations</Link>
    </section>
  );
}
