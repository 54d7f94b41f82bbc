import { Refused } from "@/components/refused";
import { refusalMessage } from "@/lib/authz/page-refusal";

/** 403 for an organization's pages, with the gate's reason. */
export default function OrganizationForbidden() {
  return <Refused message={refusalMessage() ?? "You may not open this page of the organization."} />;
}
