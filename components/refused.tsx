import Link from "next/link";
import { refusalTitle } from "@/lib/authz/refusal-title";
import { Alert } from "./alert";

/** What a page shows when the gate says no: what cannot be done, the reason, and a way on. */
export function Refused({ message, title = "You cannot manage this organization", code }: { message: string; title?: string; code?: string }) {
  return (
    <section className="space-y-4" data-testid="refused" data-code={code}>
      <h1 className="text-2xl font-semibold">{refusalTitle(code, title)}</h1>
      <Alert tone="error">{message}</Alert>
      <Link prefetch={false} href="/">Back to your organizations</Link>
    </section>
  );
}
