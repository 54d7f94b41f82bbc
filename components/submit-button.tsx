"use client";

import type { ReactNode } from "react";
import { StillWorking } from "./still-working";

type Props = { pending: boolean; pendingLabel: string; children: ReactNode };

/** A form's submit button: busy while its action runs, and saying so when Auth0 is slow to answer. */
export function SubmitButton({ pending, pendingLabel, children }: Props) {
  return (
    <>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:cursor-wait disabled:bg-blue-400"
      >
        {pending ? pendingLabel : children}
      </button>
      <StillWorking pending={pending} />
    </>
  );
}
