import { LocalTime } from "@/components/local-time";
import { relativeTime } from "@/lib/format/relative-time";
import { LIMIT_NAMES, SOURCE_NAMES, limitValueText, operatorSourceText, resolvedText } from "@/lib/policy/describe";
import { POLICY_SETTINGS, type ResolvedLimit } from "@/lib/policy/format";
import type { PolicyView } from "@/lib/policy/policy";

// The delegation policy in effect, each limit with where it comes from: on the organization's Policy page
// and at the support desk. Where the organization's admins tightened a limit, who did and the operator's own
// value are shown beside it. Reminders and renewals follow, from the operator alone (admins do not tighten them).

type TightenedBy = { name: string; at: string };

function Source({ resolved, by }: { resolved: ResolvedLimit; by?: TightenedBy }) {
  if (!resolved.ok || resolved.source !== "admin" || !resolved.operator) return <>{SOURCE_NAMES[resolved.source]}</>;
  const { operator } = resolved;
  return (
    <>
      {SOURCE_NAMES.admin}
      <span className="block text-sm text-zinc-700" data-testid="policy-operator-value">
        {operator.source === "none"
          ? "the operator sets no limit"
          : `the operator's: ${limitValueText(resolved.limit, operator.value)} (${operatorSourceText(operator.source)})`}
      </span>
      {by && (
        <span className="block text-sm text-zinc-700">
          set by {by.name}, <LocalTime iso={by.at} lead={relativeTime(by.at)} />
        </span>
      )}
    </>
  );
}

export function PolicyTable({ view }: { view: Pick<PolicyView, "effective" | "tightenings"> }) {
  const tightenedBy = new Map(view.tightenings.map((row) => [row.limit, { name: row.setByName, at: row.setAt.toISOString() }]));
  return (
    <table className="w-full border-collapse text-left" data-testid="policy-table">
      <caption className="sr-only">The limits in effect, their values and where each comes from</caption>
      <thead>
        <tr className="border-b border-zinc-300">
          <th scope="col" className="py-2 pr-4">Limit</th>
          <th scope="col" className="py-2 pr-4">In effect</th>
          <th scope="col" className="py-2 pr-4">Source</th>
          <th scope="col" className="py-2">Metadata key</th>
        </tr>
      </thead>
      <tbody>
        {POLICY_SETTINGS.map((limit) => {
          const resolved = view.effective[limit] as ResolvedLimit;
          return (
            <tr key={limit} className="border-b border-zinc-200" data-testid={`policy-${limit}`}>
              <th scope="row" className="py-2 pr-4 font-medium">{LIMIT_NAMES[limit]}</th>
              <td className={`py-2 pr-4 ${resolved.ok ? "" : "text-red-800"}`}>{resolvedText(resolved)}</td>
              <td className="py-2 pr-4"><Source resolved={resolved} by={tightenedBy.get(limit)} /></td>
              <td className="py-2"><code>{resolved.key}</code></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
