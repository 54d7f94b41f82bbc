import { Refused } from "@/components/refused";
import { refusalMessage } from "@/lib/authz/page-refusal";

/** 403 for support's activity, with the gate's reason. */
export default function SupportActivityForbidden() {
  return <Refused title="You cannot see support's activity" message={refusalMessage() ?? "Only support staff and auditors may see this."} />;
}
