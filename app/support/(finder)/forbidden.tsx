import { Refused } from "@/components/refused";
import { refusalMessage } from "@/lib/authz/page-refusal";

/** 403 for the support desk's finder, with the gate's reason. */
export default function FinderForbidden() {
  return <Refused title="You cannot use the support desk" message={refusalMessage() ?? "Only support staff may use the support desk."} />;
}
