"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

// react-query serves two pieces only: the invitations table's mutations and a bulk job's progress poll. Each
// page wraps its piece in this provider, not the root layout the whole app, so no other page loads react-query
// (about 10 kB of gzipped JavaScript, `npm run size`). One client per browser tab keeps one cache across pages.
let browserClient: QueryClient | undefined;
const newClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } });

export function QueryProvider({ children }: { children: ReactNode }) {
  // A server render gets a client of its own: nothing cached for one request may show in another's.
  const [client] = useState(() => (typeof window === "undefined" ? newClient() : (browserClient ??= newClient())));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
