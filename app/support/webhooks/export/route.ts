import { csvDownload, refusedDownload } from "@/lib/audit/download";
import { authorizeDeskView } from "@/lib/authz/action";
import { describeWebhookLogFilters, parseWebhookLogQuery } from "@/lib/schemas/webhook-log";
import { deliveryLogCsv, deskDeliveryLog, DELIVERY_EXPORT_LIMIT } from "@/lib/webhooks/log";

// The delivery log's "Download CSV": the page's gate and filters, every page of them, recorded like a look.

export async function GET(request: Request) {
  const { page: _page, ...filters } = parseWebhookLogQuery(Object.fromEntries(new URL(request.url).searchParams));
  const access = await authorizeDeskView("view_webhook_deliveries", { auditors: true, viewing: `CSV download, ${describeWebhookLogFilters(filters)}` });
  if (!access.ok) return refusedDownload(access);
  const { rows } = await deskDeliveryLog(access.ctx, filters, { page: 0, perPage: DELIVERY_EXPORT_LIMIT });
  return csvDownload(deliveryLogCsv(rows), `webhook-deliveries-${new Date().toISOString().slice(0, 10)}.csv`);
}
