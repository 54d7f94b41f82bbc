import { Refused } from "@/components/refused";
import { pageRefusal } from "@/lib/authz/page-refusal";

/** 403 for the webhook delivery log, with the gate's reason. */
export default function WebhookLogForbidden() {
  const refusal = pageRefusal();
  return <Refused title="You cannot see the webhook deliveries" message={refusal?.message ?? "Only support staff and auditors may see this."} code={refusal?.code} />;
}
