import Link from "next/link";
import { Alert } from "./alert";

/** Refusals that are about the user, not the page: they say so whatever page was asked for. */
const ABOUT_THE_USER: Record<string, string> = { throttled: "Too many requests", blocked: "Your account is blocked" };

/** What a page shows when the gate says no: what cannot be done, the reason, and a way on. */
export function Refused({ message, title = "You cannot manage this organization", code }: { message: string; title?: string; code?: string }) {
  return (
    <section className="space-y-4" data-testid="refused" data-code={code}>
      <h1 className="text-2xl font-semibold">{(code && ABOUT_THE_USER[code]) ?? title}</h1>
      <Alert tone="error">{message}</Alert>
      <Link prefetch={false} href="/">Back to your organizations</Link>
    </section>
  );
}
