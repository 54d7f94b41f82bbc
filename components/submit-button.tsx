"use client";

import type { ReactNode } from "react";

type Props = { pending: boolean; pendingLabel: string; children: ReactNode };

export function SubmitButton({ pending, pendingLabel, children }: Props) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:cursor-wait disabled:bg-blue-400"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
