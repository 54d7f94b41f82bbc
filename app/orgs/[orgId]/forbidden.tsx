import { Refused } from "@/components/refused";
import { pageRefusal } from "@/lib/authz/page-refusal";

/** 403 for an organization's pages, with the gate's reason. */
export default function OrganizationForbidden() {
  const refusal = pageRefusal();
  return <Refused message={refusal?.message ?? "You may not open this page of the organization."} code={refusal?.code} />;
}
