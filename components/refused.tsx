import Link from "next/link";
import { Alert } from "./alert";

/** What a page shows when the gate says no: what cannot be done, the reason, and a way on. */
export function Refused({ message, title = "You cannot manage this organization" }: { message: string; title?: string }) {
  return (
    <section className="space-y-4" data-testid="refused">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <Alert tone="error">{message}</Alert>
      <Link prefetch={false} href="/">Back to your organizations</Link>
    </section>
  );
}
