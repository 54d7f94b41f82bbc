import { Refused } from "@/components/refused";
import { pageRefusal } from "@/lib/authz/page-refusal";

/** 403 for support's activity, with the gate's reason. */
export default function SupportActivityForbidden() {
  const refusal = pageRefusal();
  return <Refused title="You cannot see support's activity" message={refusal?.message ?? "Only support staff and auditors may see this."} code={refusal?.code} />;
}
