import Link from "next/link";

const TABS = [
  { key: "invitations", label: "Invitations", path: "invitations" },
  { key: "new", label: "Invite people", path: "invitations/new" },
  { key: "members", label: "Members", path: "members" },
  { key: "activity", label: "Activity", path: "activity" },
  { key: "policy", label: "Policy", path: "policy" },
] as const;

type Props = { orgId: string; displayName: string; active: (typeof TABS)[number]["key"] };

// The tabs wrap on a narrow screen rather than widen the page. Links never prefetch (here and throughout): every page passes the gate and reads Auth0, so a prefetch
// would spend the tenant's Management API budget, and record support staff's views, for pages nobody opened.
export function OrgHeader({ orgId, displayName, active }: Props) {
  return (
    <header className="mb-6 space-y-3">
      <p className="text-sm">
        <Link prefetch={false} href="/">All organizations</Link>
      </p>
      <h1 className="text-2xl font-semibold">{displayName}</h1>
      <nav aria-label="Organization" className="flex flex-wrap gap-x-4 gap-y-2 border-b border-zinc-200">
        {TABS.map((tab) => (
          <Link prefetch={false}
            key={tab.key}
            href={`/orgs/${orgId}/${tab.path}`}
            aria-current={tab.key === active ? "page" : undefined}
            className={`-mb-px border-b-2 px-1 pb-2 no-underline ${tab.key === active ? "border-blue-700 font-medium text-zinc-900" : "border-transparent text-zinc-600"}`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
