import { EVERY_ORGANIZATION, type MetadataKeys } from "@/lib/invitations/application-rule";

type Props = { organization: { id: string; name: string; displayName: string }; keys: MetadataKeys };

/** Instead of a form that could only fail: what an Auth0 administrator sets so that this organization can invite. */
export function NoApplications({ organization, keys }: Props) {
  return (
    <section aria-labelledby="no-applications" className="max-w-2xl space-y-3 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950" data-testid="no-applications">
      <h2 id="no-applications" className="font-semibold">No application is open to invitations for {organization.displayName}</h2>
      <p>Invitees join an organization through an application, and none is set up for this one. An Auth0 administrator can set one of these:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          on an application, the application metadata key <code>{keys.applicationOrganizations}</code> listing this organization&apos;s id
          (<code>{organization.id}</code>) or name (<code>{organization.name}</code>), comma-separated with others, or <code>{EVERY_ORGANIZATION}</code> for every organization;
        </li>
        <li>
          on this organization, the metadata key <code>{keys.organizationApplications}</code> listing applications&apos; client ids, comma-separated;
        </li>
        <li>
          or, in this app&apos;s configuration, <code>ALLOWED_CLIENT_IDS</code>: client ids offered to every organization that has no application of its own.
        </li>
      </ul>
    </section>
  );
}
