import { Refused } from "@/components/refused";
import { pageRefusal } from "@/lib/authz/page-refusal";

/** 403 for the support desk's finder, with the gate's reason. */
export default function FinderForbidden() {
  const refusal = pageRefusal();
  return <Refused title="You cannot use the support desk" message={refusal?.message ?? "Only support staff may use the support desk."} code={refusal?.code} />;
}
